"""What quality adds to each person's agenda feed (samen.calendar): the review moments they
take part in, on their last day, from last schooljaar to next."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samen import calendar

from . import calendar_services
from .services import moment_url


def review_moments(person, *, today):
    years = calendar_services.feed_years(today)
    for moment in calendar_services.moments_of_person(person, years=years):
        lines = [
            _("Periode: %(start)s t/m %(end)s")
            % {
                "start": date_format(moment.window_start, "j F Y"),
                "end": date_format(moment.due_on, "j F Y"),
            },
            _("Status: %(status)s") % {"status": moment.Status(moment.status_on(today)).label},
        ]
        if moment.place is not None:
            lines.append(_("Waar: %(place)s") % {"place": moment.place})
        if moment.cycle_activity_id:
            lines.append(moment.cycle_activity.activity)
        yield calendar.Event(
            uid=f"reviewmoment-{moment.pk}@{moment.partnership.slug}.samen",
            title=moment.title,
            start=moment.due_on,
            end=moment.due_on,
            url=moment_url(moment),
            description="\n".join(lines),
        )


calendar.register("quality.review_moments", review_moments)
