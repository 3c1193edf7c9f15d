"""Notifications: one row per message to be sent, one row per mail that went out.

A Notification is planned by the app that owns its target (`services.schedule`); its kind
(notifications.registry) says, when it is sent, who receives it and what it says. Recipients
are resolved at sending time, not stored in advance: whoever holds the role on that day hears
of it. Each mail the SMTP server accepted is a Delivery, so a retry skips whoever already has
theirs; the notification is done when every recipient resolved has one.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samen.tenancy import TenantModel


class Notification(TenantModel):
    """One notification of one kind about one object, due on one day: a row, so it is sent once.

    The beat sweep claims due rows (notifications.services.send_due); the unique constraint
    stops a second row for the same (kind, target, day). The target is any row of the same
    partnership (a generic relation: the engine imports no app); apps add a GenericRelation
    to their model so that deleting the target deletes its notifications.
    """

    kind = models.CharField(_("soort"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    send_on = models.DateField(_("versturen op"))
    # Set by the sweep that is sending it, and renewed before every mail; a claim older than
    # CLAIM_TIMEOUT (a worker that died mid-send) may be taken over, so nothing is lost.
    claimed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["send_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "send_on"],
                name="notification_once_per_target_and_day",
            ),
        ]
        indexes = [
            # What the sweep scans: the notifications not done yet, by day.
            models.Index(
                fields=["send_on"],
                condition=models.Q(done_at__isnull=True),
                name="notification_pending_by_day",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} ({self.send_on:%d-%m-%Y})"

    def check_same_partnership(self):
        """Also refuses a target of another partnership (TenantModel checks foreign keys only)."""
        super().check_same_partnership()
        if self._state.adding:
            _check_target_partnership(self)


class Delivery(TenantModel):
    """One mail of a notification to one recipient, recorded when the SMTP server accepted it.

    The unique constraint makes it once per (notification, recipient). `person_id` is a plain
    number, not a foreign key: the engine does not import the app that knows people. `name`
    and `email` are what the mail went to, as it was then.
    """

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    person_id = models.PositiveBigIntegerField()
    name = models.CharField(_("naam"), max_length=250, blank=True)
    email = models.EmailField(_("e-mailadres"))
    sent_at = models.DateTimeField(_("verstuurd op"))

    class Meta(TenantModel.Meta):
        verbose_name = _("verzonden herinnering")
        verbose_name_plural = _("verzonden herinneringen")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "person_id"], name="delivery_once_per_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.notification} → {self.email}"


def _check_target_partnership(row):
    target = row.target
    if target is not None and getattr(target, "partnership_id", None) != row.partnership_id:
        raise ValidationError(
            _("%(field)s hoort bij een ander partnerschap."),
            params={"field": target._meta.verbose_name},
        )
