"""Accounts, people and their roles.

`User` is a login (global, e-mail based). `Person` is someone as a partnership knows them —
with or without an account — so each partnership keeps its own record of a person and one
account can belong to people in several partnerships. `RoleAssignment` gives a person a role
in a scope (the whole partnership, one board or institute, one school) for a range of
schooljaren.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from samen.permissions import ANY_ROLE, Paths, Role
from samen.schooljaar import Schooljaar
from samen.tenancy import TenantModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.get_full_name() or self.email


class Person(TenantModel):
    # Where a person sits, for samen.permissions: at the schools, boards and groupings of
    # their roles; and everyone may read their own record.
    ACCESS = Paths(
        school=("roles__school",),
        partner=("roles__partner",),
        grouping=("roles__grouping",),
        owners={ANY_ROLE: ("self",)},
        running="roles",
    )

    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    infix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=100)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    teams = models.ManyToManyField(
        "partnerships.Grouping",
        related_name="team",
        blank=True,
        verbose_name=_("opleidingsteams"),
        # The table the team had when it was a field of Grouping: the rows stay where they are.
        db_table="partnerships_grouping_team",
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["invited_at"])

    class Meta(TenantModel.Meta):
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user"],
                condition=models.Q(user__isnull=False),
                name="person_one_per_user_per_partnership",
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse(
            "roles:person_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )

    @property
    def full_name(self):
        return " ".join(p for p in (self.first_name, self.infix, self.last_name) if p)


class RoleAssignmentQuerySet(models.QuerySet):
    def active_in(self, schooljaar: Schooljaar):
        return self.filter(schooljaar_from__lte=schooljaar.start_year).filter(
            models.Q(schooljaar_to__isnull=True)
            | models.Q(schooljaar_to__gte=schooljaar.start_year)
        )


class RoleAssignment(TenantModel):
    """A person's role in a scope for a range of schooljaren.

    Scope: none of `partner`, `school`, `grouping` set means the whole partnership; `partner`
    means that board or institute (and, for a board, its schools); `school` means that school;
    `grouping` the schools of that cluster or opleidingsnetwerk. Several schools: one
    assignment per school, or a grouping.
    """

    # Where an assignment sits: its own scope; and everyone may read their own roles.
    ACCESS = Paths(
        school=("school",),
        partner=("partner",),
        grouping=("grouping",),
        owners={ANY_ROLE: ("person",)},
    )

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("persoon")
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("bestuur of instituut"),
    )
    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("school"),
    )
    grouping = models.ForeignKey(
        "partnerships.Grouping",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("cluster of netwerk"),
    )
    schooljaar_from = models.PositiveSmallIntegerField(_("vanaf schooljaar"))
    schooljaar_to = models.PositiveSmallIntegerField(
        _("tot en met schooljaar"), null=True, blank=True
    )
    hours_per_week = models.DecimalField(
        _("gefaciliteerde uren per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )

    objects = ScopedManager(
        _manager_class=models.Manager.from_queryset(RoleAssignmentQuerySet),
        partnership="partnership",
    )

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("roltoewijzing")
        verbose_name_plural = _("roltoewijzingen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(partner__isnull=True, school__isnull=True)
                    | models.Q(partner__isnull=True, grouping__isnull=True)
                    | models.Q(school__isnull=True, grouping__isnull=True)
                ),
                name="roleassignment_one_scope",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"

    @property
    def is_partnership_wide(self):
        return not (self.school_id or self.partner_id or self.grouping_id)

    @property
    def scope_label(self):
        if self.school_id:
            return str(self.school)
        if self.partner_id:
            return str(self.partner)
        if self.grouping_id:
            return str(self.grouping)
        return str(_("heel het partnerschap"))


class RoleDescription(TenantModel):
    """A role's tasks and responsibilities as this partnership describes them (seed 000)."""

    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    tasks = models.TextField(_("taken"), blank=True)
    responsibilities = models.TextField(_("verantwoordelijkheden"), blank=True)

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("rolbeschrijving")
        verbose_name_plural = _("rolbeschrijvingen")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "role"], name="one_description_per_role"
            ),
        ]

    def __str__(self):
        return self.get_role_display()
