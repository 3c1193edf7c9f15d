"""What placements add to each person's agenda feed (samen.calendar): the deadlines of the
placement forms they still have to fill in or sign, as the student, mentor (vakbegeleider),
coach or instituutsopleider of the placement, within the feed's window."""

from django.db.models import Q
from django.utils.translation import gettext as _

from notifications.services import absolute_url
from questionnaires.models import ResponseStatus
from samen import calendar

from .models import PlacementForm


def _open_forms(person, today):
    first_day, last_day = calendar.feed_window(today)
    return (
        PlacementForm.objects.filter(
            Q(placement__student=person)
            | Q(placement__mentor=person)
            | Q(placement__coach=person)
            | Q(placement__instituutsopleider=person),
            due_on__gte=first_day,
            due_on__lte=last_day,
        )
        .exclude(response__status=ResponseStatus.LOCKED)
        .filter(closed_at__isnull=True)  # closed by an overstap: nothing left to do
    )


def form_deadlines(person, *, today):
    forms = (
        _open_forms(person, today)
        .select_related("placement__student", "placement__school", "partnership")
        .order_by("due_on", "pk")
    )
    for form in forms:
        placement = form.placement
        yield calendar.Event(
            uid=f"placementform-{form.pk}@{form.partnership.slug}.samen",
            title=_("%(form)s: %(student)s")
            % {
                "form": form.get_kind_display(),
                "student": placement.student,
            },
            start=form.due_on,
            end=form.due_on,
            url=absolute_url(form.get_absolute_url()),
            description=_("Stage bij %(school)s") % {"school": placement.school.name},
        )


def form_deadlines_version(person, *, today):
    """The version of the person's deadlines: their forms' count, due dates and latest change
    (a person has a few forms: their rows, without the placements' people)."""
    rows = _open_forms(person, today).order_by("pk")
    return repr(
        list(rows.values_list("pk", "kind", "due_on", "reopened_at", "response__updated_at"))
    )


calendar.register("placements.form_deadlines", form_deadlines, version=form_deadlines_version)
