"""Notifications: one row per message to be sent, one row per mail that went out.

A Notification is planned by the app that owns its target (`planning.schedule`); its kind
(notifications.registry) says, when it is sent, who receives it and what it says. Recipients
are resolved at sending time, not stored in advance: whoever holds the role on that day hears
of it. Each mail the SMTP server accepted is a Delivery, so a retry skips whoever already has
theirs; the notification is done when every recipient resolved has one, or has it waiting in
their weekly digest (a DigestEntry), as their MailPreference asks.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samen.tenancy import TenantModel


class Notification(TenantModel):
    """One notification of one kind about one object, due on one day: a row, so it is sent once.

    The beat sweep claims due rows (notifications.sending.sweep); the unique constraint
    stops a second row for the same (kind, target, day). The target is any row of the same
    partnership (a generic relation: the engine imports no app); apps add a GenericRelation
    to their model so that deleting the target deletes its notifications.
    """

    kind = models.CharField(_("soort"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    send_on = models.DateField(_("versturen op"))
    # The claim of the sweep that is sending it: its token says whose it is, its time is
    # renewed while it sends; a claim older than CLAIM_TIMEOUT (a worker that died mid-send)
    # may be taken over, so nothing is lost. Every final write asks for the token.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # Failures back off: no sweep tries it again before `next_attempt_at`. After MAX_ATTEMPTS
    # it is `failed`: shown to the coordinators, who may have it tried again.
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    failed_at = models.DateTimeField(_("mislukt op"), null=True, blank=True)
    last_error = models.TextField(_("foutmelding"), blank=True)
    # Whom the last attempt could not reach ("Name <address>"), for the failed page.
    failed_recipients = models.JSONField(default=list, blank=True)
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
            # What the sweep claims: the notifications still to send, oldest day first.
            models.Index(
                fields=["send_on", "id"],
                condition=models.Q(done_at__isnull=True, failed_at__isnull=True),
                name="notification_to_send",
            ),
            # The failed page: few rows, per partnership.
            models.Index(
                fields=["partnership", "failed_at"],
                condition=models.Q(failed_at__isnull=False),
                name="notification_failed",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} ({self.send_on:%d-%m-%Y})"

    @property
    def status(self):
        if self.done_at:
            return "done"
        if self.failed_at:
            return "failed"
        if self.attempts:
            return "retrying"
        return "planned"

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

    class Channel(models.TextChoices):
        DIRECT = "direct", _("direct")
        DIGEST = "weekoverzicht", _("weekoverzicht")

    person_id = models.PositiveBigIntegerField()
    name = models.CharField(_("naam"), max_length=250, blank=True)
    email = models.EmailField(_("e-mailadres"))
    subject = models.CharField(_("onderwerp"), max_length=250, blank=True)
    channel = models.CharField(
        _("verstuurd als"), max_length=20, choices=Channel.choices, default=Channel.DIRECT
    )
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
        indexes = [
            models.Index(fields=["partnership", "sent_at"], name="delivery_log"),
        ]

    def __str__(self):
        return f"{self.notification} → {self.email}"


class MailPreference(TenantModel):
    """How one person of a partnership wants their notifications: each at once, or a weekly
    digest. `person_id` is a plain number, as on Delivery: the engine knows no Person model.
    No row: at once. The digest itself is a Notification (kind `notifications.digest`) about
    this row, due on the digest day; the reminders it collects wait as DigestEntry rows."""

    class Mode(models.TextChoices):
        DIRECT = "direct", _("Elke herinnering direct per e-mail")
        DIGEST = "weekoverzicht", _("Eén wekelijks overzicht (op maandag)")

    person_id = models.PositiveBigIntegerField()
    mode = models.CharField(
        _("herinneringen per e-mail"), max_length=20, choices=Mode.choices, default=Mode.DIRECT
    )
    updated_at = models.DateTimeField(auto_now=True)
    digests = GenericRelation(Notification, related_query_name="mail_preference")

    class Meta(TenantModel.Meta):
        verbose_name = _("e-mailvoorkeur")
        verbose_name_plural = _("e-mailvoorkeuren")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person_id"], name="mail_preference_once_per_person"
            ),
        ]

    def __str__(self):
        return str(_("Weekoverzicht"))


class DigestEntry(TenantModel):
    """One notification waiting in one person's weekly digest, with what it says to them.

    Made when the notification is sent (its recipients resolved that day), once per
    (notification, recipient): the unique constraint, shared in meaning with Delivery's, keeps
    a reminder out of two digests. When the digest mail is accepted, each entry becomes a
    Delivery (channel "weekoverzicht") in the same statement.
    """

    digest = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="entries")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="+")
    person_id = models.PositiveBigIntegerField()
    name = models.CharField(max_length=250, blank=True)
    email = models.EmailField()
    subject = models.CharField(max_length=250)
    body = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["digest", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "person_id"], name="digest_entry_once_per_recipient"
            ),
        ]

    def __str__(self):
        return self.subject


def _check_target_partnership(row):
    target = row.target
    if target is not None and getattr(target, "partnership_id", None) != row.partnership_id:
        raise ValidationError(
            _("%(field)s hoort bij een ander partnerschap."),
            params={"field": target._meta.verbose_name},
        )
