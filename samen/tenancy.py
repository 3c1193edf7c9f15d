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
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, scope


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
