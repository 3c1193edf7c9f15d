"""Operations that change the organisation of a partnership: each one a transaction.

Views and the demo loader call these; the rules (the training-school path, one penvoerder at a
time, an import that saves all rows or none) live here and nowhere else. Every operation
takes `actor`, the acting person's samen.permissions.Access, and re-checks what it saved
against that person's reach before its transaction commits.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from samen.errors import DomainError
from samen.imports import ImportPreview
from samen.permissions import OutOfReach

from .models import (
    TRAINING_PATH,
    Organisation,
    Partner,
    School,
    SchoolProfile,
    TrainingPathStep,
    TrainingStatus,
)
from .resources import SchoolImportResource, row_errors

# --- The training-school path --------------------------------------------------------------


def record_training_step(actor, school, status, on, decided_by="", note=""):
    """Moves `school` one step along TRAINING_PATH and records who decided it, when and why.

    Guarantees: only a step that TRAINING_PATH allows from the school's current status, never
    dated before the school's previous step; the school's status and the step are saved
    together or not at all.
    """
    with transaction.atomic():
        school = School.objects.select_for_update().get(pk=school.pk)
        actor.require("school.manage", school)
        current = TrainingStatus(school.training_status)
        try:
            status = TrainingStatus(status)
        except ValueError:
            raise DomainError(_("Onbekende stap.")) from None
        if status not in TRAINING_PATH[current]:
            raise DomainError(
                _("Na ‘%(current)s’ kan ‘%(next)s’ niet de volgende stap zijn.")
                % {"current": current.label, "next": status.label}
            )
        previous = school.training_steps.order_by("-on", "-pk").first()
        if previous is not None and on < previous.on:
            raise DomainError(
                _("De datum ligt vóór de vorige stap (%(previous)s, %(date)s).")
                % {
                    "previous": previous.get_status_display(),
                    "date": previous.on.strftime("%d-%m-%Y"),
                }
            )
        school.training_status = status
        school.save(update_fields=["training_status"])
        return TrainingPathStep.objects.create(
            partnership=school.partnership,
            school=school,
            status=status,
            on=on,
            decided_by=decided_by,
            note=note,
            recorded_by=actor.user,
        )


# --- Schools -------------------------------------------------------------------------------


def save_school(actor, school):
    """Saves a new or changed school; refused when it would lie outside the actor's reach
    (a CoOP'er of one board adds and keeps schools in that board only)."""
    with transaction.atomic():
        school.save()
        actor.require("school.manage", school)
        return school


def save_profile(actor, profile):
    """Saves a school's public profile (the school's own people, or its coordinators)."""
    with transaction.atomic():
        profile.save()
        actor.require("profile.edit", profile)
        return profile


# --- Bulk actions on schools ---------------------------------------------------------------


def set_cohort(actor, schools, cohort):
    """Puts every school in `schools` in peer-review cohort `cohort` (1–4, or None: none).

    One UPDATE per batch, with a history record per school.
    """
    if cohort is not None and cohort not in (1, 2, 3, 4):
        raise DomainError(_("Een cohort is 1, 2, 3 of 4."))
    return _bulk_set(actor, schools, "cohort", cohort)


def set_academisch(actor, schools, value):
    """Marks (or unmarks) every school in `schools` as academische opleidingsschool."""
    return _bulk_set(actor, schools, "is_academisch", bool(value))


def apply_bulk_action(actor, schools, action, cohort=None):
    """One action of the schools list (BulkSchoolForm.ACTIONS) on `schools`: put them in
    `cohort`, or mark or unmark them as academische opleidingsschool. Returns how many."""
    if action == "cohort":
        return set_cohort(actor, schools, cohort)
    return set_academisch(actor, schools, action == "academisch")


def _bulk_set(actor, schools, field, value):
    """Changes `field` on every school, or on none when one of them is out of reach."""
    with transaction.atomic():
        rows = list(schools)
        if not rows:
            raise DomainError(_("Kies eerst een of meer scholen."))
        in_reach = actor.filter("school.manage", School.objects.filter(pk__in=[s.pk for s in rows]))
        if in_reach.count() != len(rows):
            raise OutOfReach()
        for school in rows:
            setattr(school, field, value)
        bulk_update_with_history(rows, School, [field], batch_size=500)
        return len(rows)


# --- Partners ------------------------------------------------------------------------------


def add_partner(
    actor,
    *,
    organisation=None,
    new_organisation=None,
    joined_on,
    left_on=None,
    is_penvoerder=False,
):
    """Makes an organisation a partner of `partnership`.

    `organisation` is an existing (shared) organisation: an institute that is a partner in
    several partnerships stays one organisation, and linking it changes nothing of it.
    Otherwise `new_organisation` (a dict of Organisation fields) creates one, maintained by
    this partnership. Refuses a second membership of the same organisation and a second
    penvoerder at the same time.
    """
    partnership = actor.partnership
    with transaction.atomic():
        if organisation is None:
            if not new_organisation or not new_organisation.get("name"):
                raise DomainError(_("Kies een bestaande organisatie of vul een nieuwe in."))
            organisation = Organisation.objects.create(**new_organisation, managed_by=partnership)
        elif Partner.objects.filter(organisation=organisation).exists():
            raise DomainError(
                _("%(organisation)s is al partner in dit partnerschap.")
                % {"organisation": organisation}
            )
        partner = Partner(
            partnership=partnership,
            organisation=organisation,
            joined_on=joined_on,
            left_on=left_on,
            is_penvoerder=is_penvoerder,
        )
        _check_membership(partner)
        partner.save()
        actor.require("partner.manage", partner)
        return partner


def may_edit_organisation(actor, organisation):
    """Only the partnership that maintains an organisation edits its details (or the platform)."""
    if actor.system:
        return True
    return (
        organisation.managed_by_id == actor.partnership.pk and actor.is_partnership_wide_coordinator
    )


def update_organisation(actor, organisation, **fields):
    """Changes an organisation's own details; refused unless this partnership maintains it."""
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not may_edit_organisation(actor, organisation):
            raise OutOfReach(
                _("De gegevens van deze organisatie worden door een ander partnerschap beheerd.")
            )
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.save()
        return organisation


def update_membership(actor, partner, *, joined_on, left_on=None, is_penvoerder=False):
    """Records when a partner joined and left, and whether it is the penvoerder.

    At most one partner is penvoerder at any one time: a penvoerder whose membership overlaps
    another penvoerder's is refused (end the other one's membership or its penvoerderschap
    first).
    """
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        actor.require("partner.manage", partner)
        partner.joined_on = joined_on
        partner.left_on = left_on
        partner.is_penvoerder = is_penvoerder
        _check_membership(partner)
        partner.save()
        return partner


def update_partner(actor, partner, *, organisation=None, **membership):
    """Saves a partner's membership (update_membership) and, given `organisation` (a dict of
    its fields), the organisation's own details (update_organisation): both or neither."""
    with transaction.atomic():
        partner = update_membership(actor, partner, **membership)
        if organisation is not None:
            update_organisation(actor, partner.organisation, **organisation)
        return partner


def _check_membership(partner):
    if partner.left_on and partner.left_on < partner.joined_on:
        raise DomainError(_("‘Lid tot’ ligt vóór ‘lid sinds’."))
    if not partner.is_penvoerder:
        return
    others = Partner.objects.filter(is_penvoerder=True).exclude(pk=partner.pk)
    # Two memberships overlap unless one ended before the other began.
    others = others.filter(Q(left_on__isnull=True) | Q(left_on__gte=partner.joined_on))
    if partner.left_on:
        others = others.filter(joined_on__lte=partner.left_on)
    other = others.select_related("organisation").first()
    if other is not None:
        raise DomainError(
            _(
                "%(other)s is in die periode al penvoerder. Er is steeds één penvoerder: "
                "beëindig eerst het penvoerderschap van %(other)s."
            )
            % {"other": other.organisation}
        )


# --- Groupings -----------------------------------------------------------------------------


def save_grouping(actor, grouping, *, schools, team):
    """Saves a cluster or opleidingsnetwerk with its schools and team; the hub is one of them."""
    with transaction.atomic():
        schools = list(schools)
        if grouping.hub_id and grouping.hub not in schools:
            schools.append(grouping.hub)
        grouping.save()
        grouping.schools.set(schools)
        grouping.team.set(team)
        actor.require("grouping.manage", grouping)
        return grouping


# --- Profiles ------------------------------------------------------------------------------


def profile_for(school):
    """The school's profile, created (unpublished, empty) the first time it is asked for."""
    profile, _created = SchoolProfile.objects.get_or_create(
        school=school, defaults={"partnership": school.partnership}
    )
    return profile


# --- Import --------------------------------------------------------------------------------


def preview_school_import(actor, upload):
    """Validates every row as if importing it (nothing is saved) and lists the errors.

    A row whose board is outside the actor's reach is an error of that row.
    """
    with transaction.atomic():
        result = SchoolImportResource(actor).import_data(
            upload.dataset, dry_run=True, raise_errors=False, use_transactions=True
        )
        transaction.set_rollback(True)
    return ImportPreview(upload, row_errors(result, upload))


def import_schools(actor, upload):
    """Creates a school per row, all in one transaction: nothing is saved when any row is bad
    or when any school it created lies outside the actor's reach.

    Returns the number of schools created; raises DomainError (saving nothing) otherwise.
    """
    with transaction.atomic():
        result = SchoolImportResource(actor).import_data(
            upload.dataset, dry_run=False, raise_errors=False, use_transactions=True
        )
        errors = row_errors(result, upload)
        if errors:
            transaction.set_rollback(True)
            raise DomainError(
                _("Er is niets geïmporteerd: %(count)s rij(en) bevatten fouten.")
                % {"count": len(errors)}
            )
        created = [row.object_id for row in result.rows if row.object_id is not None]
        in_reach = actor.filter("school.manage", School.objects.filter(pk__in=created))
        if in_reach.count() != len(created):
            raise OutOfReach()
        return result.totals["new"]
