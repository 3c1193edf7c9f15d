"""Tenancy: a partnership is the tenant.

Every tenant-owned model derives from `TenantModel`: it carries `partnership` and its default
manager is a django-scopes `ScopedManager`, so a query outside `with scope(partnership=…)`
raises `ScopeError` instead of leaking rows of another partnership.

`roles.middleware.TenantMiddleware` (it lives with roles, who answer who may enter) resolves
`/<partnership_slug>/…`, checks that the user may enter that partnership (404 otherwise:
outsiders do not learn that it exists) and runs the view inside the scope. Celery tasks and
management commands enter the scope themselves (`in_partnership`). Code that must cross
tenants uses `scopes_disabled()` visibly, with a comment saying why.

django-scopes does not guard `.create()`/`.save()` or forward foreign keys, so
`TenantModel.save()` refuses to link rows of two partnerships.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, scope


def _choice_labels(field):
    """{value: lazy label} of a field's fixed choices, made once per field; None for
    choices a callable gives (they may change)."""
    labels = field.__dict__.get("_samen_choice_labels")
    if labels is None and isinstance(field.choices, list | tuple):
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        field._samen_choice_labels = labels
    return labels


class TenantModel(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partnerschap"),
    )

    objects = ScopedManager(partnership="partnership")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.check_same_partnership()
        super().save(*args, **kwargs)

    def _get_FIELD_display(self, field):
        """`get_<field>_display()` as Django's, without building the dict of the field's
        choices at every call: Django hashes every (lazy) label, so translates all of them,
        for each row a list shows (0.25 ms a call for the 15 roles). The labels stay lazy,
        so each call still answers in the request's language."""
        labels = _choice_labels(field)
        if labels is None:
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)

    def check_same_partnership(self):
        """Refuse a link to a row of another partnership (django-scopes does not check this)."""
        for field in self._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one) or field.name == "partnership":
                continue
            if not issubclass(field.related_model, TenantModel):
                continue
            target_id = getattr(self, field.attname)
            if target_id is None:
                continue
            target = getattr(self, field.name)
            if target.partnership_id != self.partnership_id:
                raise ValidationError(
                    _("%(field)s hoort bij een ander partnerschap."),
                    params={"field": field.verbose_name},
                )


@contextmanager
def in_partnership(partnership):
    """Enter one partnership's scope (tasks, commands, shell)."""
    with scope(partnership=partnership):
        yield
