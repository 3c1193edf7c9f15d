"""Model forms for tenant models.

django-scopes raises when a ModelForm class is *defined* (Django builds the choice fields'
querysets then, outside any request). Defining them with scopes disabled would leave unscoped
querysets on the class, so `TenantModelForm` re-scopes every choice field on each instance,
inside the request's partnership scope. Forms that narrow a queryset further do so after
`super().__init__()`.
"""

from django import forms
from django.forms.models import ModelFormMetaclass
from django_scopes import scopes_disabled

from .tenancy import TenantModel


class TenantModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        with scopes_disabled():
            return super().__new__(mcs, name, bases, attrs)


class TenantModelForm(forms.ModelForm, metaclass=TenantModelFormMetaclass):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, TenantModel):
                # The scoped manager adds this request's partnership filter.
                field.queryset = queryset.model.objects.all() & queryset
