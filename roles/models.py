"""Accounts, people and their roles.

`User` is a login (global, e-mail based). `Person` is someone as a partnership knows them —
with or without an account — so each partnership keeps its own record of a person and one
account can belong to people in several partnerships. `RoleAssignment` gives a person a role
in a scope (the whole partnership, one board or institute, one school) for a range of
schooljaren.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

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


class Role(models.TextChoices):
    """The role catalogue of Samen Opleiden (see docs/glossary.md)."""

    STUDENT = "student", _("Aankomende leraar")
    MENTOR = "mentor", _("Mentor / werkplekbegeleider")
    VAKBEGELEIDER = "vakbegeleider", _("Vakbegeleider")
    COACH = "coach", _("Coach")
    SCHOOLOPLEIDER = "schoolopleider", _("Schoolopleider")
    INSTITUUTSOPLEIDER = "instituutsopleider", _("Instituutsopleider")
    SCHOOLLEIDER = "schoolleider", _("Schoolleider")
    COOPER = "cooper", _("CoOP'er")
    PROJECTCOORDINATOR = "projectcoordinator", _("Projectcoördinator")
    INSTITUUTSCOORDINATOR = "instituutscoordinator", _("Instituutscoördinator")
    MENTORENTRAINER = "mentorentrainer", _("Mentorentrainer")
    STARTERSCOACH = "starterscoach", _("Starterscoach")
    BESTUURDER = "bestuurder", _("Bestuurder")
    STUURGROEP = "stuurgroep", _("Stuurgroeplid")
    PROJECTGROEP = "projectgroep", _("Projectgroeplid")


#: Roles that arrange placements and run the partnership day to day.
COORDINATOR_ROLES = frozenset({Role.COOPER, Role.PROJECTCOORDINATOR, Role.INSTITUUTSCOORDINATOR})
#: Roles for which allauth MFA (TOTP) is required when SAMEN_REQUIRE_MFA is on.
MFA_REQUIRED_ROLES = COORDINATOR_ROLES | {Role.STUURGROEP}


class Person(TenantModel):
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

    Scope: neither `partner` nor `school` set means the whole partnership; `partner` means
    that board or institute (and, for a board, its schools); `school` means that school.
    """

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

    class Meta(TenantModel.Meta):
        verbose_name = _("roltoewijzing")
        verbose_name_plural = _("roltoewijzingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner__isnull=True) | models.Q(school__isnull=True),
                name="roleassignment_one_scope",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"

    @property
    def scope_label(self):
        if self.school_id:
            return str(self.school)
        if self.partner_id:
            return str(self.partner)
        return str(_("heel het partnerschap"))
