"""The notifications placements sends (notifications.registry): whose turn it is to sign a
form, and forms that are due or overdue. Who receives them is decided on the day they go out,
from the form as it is then: a form signed or submitted meanwhile sends nothing."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications import registry
from notifications.services import absolute_url
from placements.models import PlacementStatus
from questionnaires import services as engine
from questionnaires.models import ResponseStatus

from . import services

#: What the sweep loads with each form: everything the messages read, in one query.
RELATED = (
    "partnership",
    "response__version",
    "placement__student",
    "placement__mentor",
    "placement__coach",
    "placement__instituutsopleider",
    "placement__school",
)
#: What a recipient must still hold when the mail goes out (the engine asks): to open the
#: placement's forms. A mentor taken off the placement gets no reminder of its forms.
PERMISSION = "placementform.view"
#: Placements whose forms no longer call for anyone.
ENDED = (PlacementStatus.AFGEBROKEN, PlacementStatus.OVERGESTAPT)


def _url(form):
    return absolute_url(form.get_absolute_url())


def _message(form, recipient, template, subject, **extra):
    url = _url(form)
    body = render_to_string(
        template,
        {
            "form": form,
            "placement": form.placement,
            "recipient": recipient,
            "url": url,
            "partnership": form.partnership,
            **extra,
        },
    )
    return registry.Message(subject, body, url)


def turn_recipients(role):
    def recipients(form):
        if form.placement.status in ENDED or form.is_closed:
            return []
        if engine.next_signer(form.response) != role:
            return []  # signed meanwhile, or reopened: not their turn (any more)
        return services.people_of(form.placement, [role])

    return recipients


def turn_message(form, recipient):
    subject = _("Uw handtekening wordt gevraagd: %(form)s van %(student)s") % {
        "form": form.get_kind_display(),
        "student": form.placement.student,
    }
    return _message(form, recipient, "placementforms/email/turn.txt", subject)


def due_recipients(form):
    """The signers of a form that is still a draft; nobody once it is submitted or closed."""
    if (
        form.placement.status in ENDED
        or form.is_closed
        or form.response.status != ResponseStatus.DRAFT
    ):
        return []
    return services.people_of(form.placement, form.response.version.signers)


def due_message(form, recipient):
    overdue = form.due_on < timezone.localdate()
    values = {
        "form": form.get_kind_display(),
        "student": form.placement.student,
        "date": form.due_on.strftime("%d-%m-%Y"),
    }
    subject = (
        _("Te laat: %(form)s van %(student)s (uiterlijk %(date)s)")
        if overdue
        else _("Herinnering: %(form)s van %(student)s uiterlijk %(date)s")
    ) % values
    return _message(form, recipient, "placementforms/email/due.txt", subject, overdue=overdue)


for _role, _label in (
    (services.STUDENT, gettext_lazy("Formulier: de aankomende leraar is aan de beurt")),
    (services.MENTOR, gettext_lazy("Formulier: de mentor is aan de beurt")),
    (services.IO, gettext_lazy("Formulier: de instituutsopleider is aan de beurt")),
):
    registry.register(
        services.TURN % _role,
        recipients=turn_recipients(_role),
        message=turn_message,
        related=RELATED,
        label=_label,
        permission=PERMISSION,
        permission_on="placement",
    )

registry.register(
    services.DUE,
    recipients=due_recipients,
    message=due_message,
    related=RELATED,
    label=gettext_lazy("Herinnering: stageformulier (bijna) te laat"),
    permission=PERMISSION,
    permission_on="placement",
)
