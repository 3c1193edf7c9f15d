from django import forms

from samen.forms import TenantModelForm

from .models import ReflectieSection


class SectionForm(TenantModelForm):
    class Meta:
        model = ReflectieSection
        fields = ["narrative", "reflection"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 16}),
            "reflection": forms.Textarea(attrs={"rows": 8}),
        }
