"""The reminders of review moments (notifications.registry): who receives them, what they say.

Their kinds ("reviewmoment.upcoming", "reviewmoment.overdue") are stored in the engine's rows:
they keep the names they had when quality sent them."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications import registry

from .services import (
    OVERDUE,
    UPCOMING,
    moment_url,
    reminder_recipients,
    reminder_recipients_many,
)


def _message(moment, recipient, *, overdue):
    """Reads only the moment and what the sweep loads with it (`related` below): no query."""
    url = moment_url(moment)
    date = moment.due_on.strftime("%d-%m-%Y")
    if overdue:
        subject = _("Over tijd: %(title)s (uiterlijk %(date)s)")
    else:
        subject = _("Herinnering: %(title)s uiterlijk op %(date)s")
    body = render_to_string(
        "cycle/email/reminder.txt",
        {
            "moment": moment,
            "recipient": recipient,
            "url": url,
            "partnership": moment.partnership,
            "overdue": overdue,
        },
    )
    return registry.Message(subject % {"title": moment.title, "date": date}, body, url)


def upcoming_message(moment, recipient):
    return _message(moment, recipient, overdue=False)


def overdue_message(moment, recipient):
    return _message(moment, recipient, overdue=True)


RELATED = ("partnership", "school", "partner__organisation", "cycle_activity")

# Sent 30 and 7 days before a review moment's last day (services.plan_reminders) to the people
# involved in it on that day (services.people_involved: the sweep resolves a whole batch of
# moments at once); a moment already done by then sends nothing.
registry.register(
    UPCOMING,
    recipients=reminder_recipients,
    recipients_many=reminder_recipients_many,
    message=upcoming_message,
    related=RELATED,
    permission="reviewmoment.view",  # asked again when it is sent (notifications.reach)
    label=gettext_lazy("Herinnering aan een evaluatiemoment"),
)
# Sent the day after a moment's last day, unless it was marked done.
registry.register(
    OVERDUE,
    recipients=reminder_recipients,
    recipients_many=reminder_recipients_many,
    message=overdue_message,
    related=RELATED,
    permission="reviewmoment.view",  # asked again when it is sent (notifications.reach)
    label=gettext_lazy("Evaluatiemoment over tijd"),
)
