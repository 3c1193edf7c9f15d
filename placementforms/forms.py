"""Forms of the placement forms' steps: the reasons asked before reopening a form and before
ending a placement without its eindbeoordeling. The services check the reason again."""

from django import forms
from django.utils.translation import gettext_lazy as _


def _reason(**kwargs):
    return forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 4, "maxlength": 2000, "required": True, "aria-required": "true"}
        ),
        **kwargs,
    )


class ReopenForm(forms.Form):
    """Why the instituutsopleider reopens a submitted or signed form (the story keeps it)."""

    reason = _reason(
        error_messages={"required": _("Geef een reden op waarom het formulier wordt heropend.")}
    )


class CloseForm(forms.Form):
    """Why a coordinator ends a placement without a signed eindbeoordeling. Asked on the
    confirmation itself; an empty reason is refused there by the service, in its words."""

    reason = _reason(required=False)
