"""Operations on placements. Each is one transaction and the only place that changes this state."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roles.models import Role, RoleAssignment
from samen.errors import DomainError
from samen.schooljaar import Schooljaar

from .models import PLACEMENT_TRANSITIONS, FormStatus, Placement, PlacementStatus, StartForm


def _require_role(person, role, school=None, label=""):
    qs = RoleAssignment.objects.filter(person=person, role=role).active_in(Schooljaar.current())
    if not qs.exists():
        raise DomainError(
            _("%(person)s heeft geen rol als %(role)s in dit schooljaar.")
            % {"person": person, "role": label or Role(role).label}
        )


@transaction.atomic
def create_placement(
    *, partnership, student, school, mentor, instituutsopleider, starts_on, ends_on, group=""
):
    """Creates a placement in status concept, with an empty startgesprek ready for the mentor.

    Guarantees: the three people hold the matching role this schooljaar, and all rows belong
    to `partnership` (TenantModel.save refuses cross-tenant links).
    """
    if ends_on < starts_on:
        raise DomainError(_("De einddatum ligt vóór de begindatum."))
    _require_role(student, Role.STUDENT)
    _require_role(mentor, Role.MENTOR)
    _require_role(instituutsopleider, Role.INSTITUUTSOPLEIDER)
    placement = Placement.objects.create(
        partnership=partnership,
        student=student,
        school=school,
        mentor=mentor,
        instituutsopleider=instituutsopleider,
        starts_on=starts_on,
        ends_on=ends_on,
        group=group,
    )
    StartForm.objects.create(partnership=partnership, placement=placement)
    return placement


@transaction.atomic
def transition(placement, to_status):
    """Moves a placement to `to_status`, or raises DomainError if the lifecycle forbids it."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    current = PlacementStatus(placement.status)
    target = PlacementStatus(to_status)
    if target not in PLACEMENT_TRANSITIONS[current]:
        raise DomainError(
            _("Een stage met status ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {"from": current.label, "to": target.label}
        )
    placement.status = target
    placement.save(update_fields=["status"])
    return placement


@transaction.atomic
def save_start_form(start_form, *, learning_goals, needs_from_school, by, submit=False):
    """Saves the mentor's startgesprek; `submit` locks it. A submitted form cannot change."""
    start_form = StartForm.objects.select_for_update().get(pk=start_form.pk)
    if start_form.is_locked:
        raise DomainError(_("Dit startgesprek is al ingediend en kan niet meer worden gewijzigd."))
    if submit and not learning_goals.strip():
        raise DomainError(_("Vul eerst de persoonlijke leerdoelen in voordat u indient."))
    start_form.learning_goals = learning_goals
    start_form.needs_from_school = needs_from_school
    start_form.updated_by = by
    if submit:
        start_form.status = FormStatus.SUBMITTED
        start_form.submitted_at = timezone.now()
    start_form.save()
    return start_form
