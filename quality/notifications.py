"""The notifications quality sends (notifications.registry): who receives them, what they say."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications import registry
from notifications.services import absolute_url

from .services import UPCOMING, people_involved, people_involved_many


def upcoming_message(moment, recipient):
    """The reminder of a review moment: its title and date, and a link to the moments page.

    Reads only the moment and what the sweep loads with it (`related` below): no query."""
    url = absolute_url(
        reverse("quality:moments", kwargs={"partnership_slug": moment.partnership.slug})
    )
    subject = _("Herinnering: %(title)s op %(date)s") % {
        "title": moment.title,
        "date": moment.due_on.strftime("%d-%m-%Y"),
    }
    body = render_to_string(
        "quality/email/reminder.txt",
        {"moment": moment, "recipient": recipient, "url": url, "partnership": moment.partnership},
    )
    return registry.Message(subject, body, url)


# Sent REMIND_DAYS_BEFORE days before a review moment (services.plan_review_moment) to those
# whose role reaches its school in its schooljaar on that day; the sweep resolves a whole
# batch of moments at once (people_involved_many).
registry.register(
    UPCOMING,
    recipients=people_involved,
    recipients_many=people_involved_many,
    message=upcoming_message,
    related=("partnership", "school"),
    label=gettext_lazy("Herinnering aan een evaluatiemoment"),
)
