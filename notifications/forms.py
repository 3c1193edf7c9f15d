from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MailPreference


class PreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Hoe wilt u herinneringen ontvangen?"),
        choices=MailPreference.Mode.choices,
        widget=forms.RadioSelect,
    )
