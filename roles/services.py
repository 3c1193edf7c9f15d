"""People and their roles: create people, assign and end roles, invite, import, describe roles.

Every function is one transaction and raises `samen.errors.DomainError` with a Dutch message
when a rule refuses the operation. Each takes `actor`, the acting person's
samen.permissions.Access: role grants are checked against `actor.may_grant()` here, not in
forms, so that the single form, the bulk action and the import share the same rules, and what
is saved is re-checked against the actor's reach before the transaction commits.
"""

from dataclasses import dataclass, field

from allauth.account import signals as account_signals
from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from samen.errors import DomainError
from samen.imports import ImportPreview
from samen.permissions import GOVERNING_ROLES, OutOfReach
from samen.schooljaar import Schooljaar

from .grants import grant_scope, overlapping, require_grant, validate_assignment, years_of
from .models import Person, RoleAssignment, RoleDescription, User
from .resources import import_rows, row_errors

# --- people ---------------------------------------------------------------------------


def _check_unique_email(partnership, email, exclude_pk=None):
    if not email:
        return
    others = Person.objects.filter(partnership=partnership, email__iexact=email)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise DomainError(_("Er is al een persoon met dit e-mailadres in dit partnerschap."))


def _require_manageable(actor, person):
    """The actor may change this person: in reach for `person.manage`, and able to grant every
    role that makes them steer the partnership, now or later (a coordinator's details are
    changed only by someone who could have made them coordinator)."""
    actor.require("person.manage", person)
    governing = (
        RoleAssignment.objects.filter(person=person, role__in=GOVERNING_ROLES)
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=actor.schooljaar.start_year))
        .select_related("school", "partner", "grouping")
    )
    for assignment in governing:
        if not actor.may_grant(assignment.role, **grant_scope(assignment)):
            raise OutOfReach(
                _("Alleen wie de rol %(role)s mag toekennen, wijzigt de gegevens van %(p)s.")
                % {"role": assignment.get_role_display(), "p": person}
            )


@transaction.atomic
def create_person(actor, *, first_role=None, **fields):
    """A new person of the actor's partnership; e-mail addresses are unique per partnership.

    `first_role` (the keyword arguments of `assign_role`) gives them a role at once: someone
    whose reach is one board or school adds people only together with a role there, since a
    person without roles is in nobody's reach but the whole partnership's coordinators'.
    """
    partnership = actor.partnership
    fields["email"] = (fields.get("email") or "").strip().lower()
    _check_unique_email(partnership, fields["email"])
    person = Person.objects.create(partnership=partnership, **fields)
    if first_role:
        assign_role(actor, person, **first_role)
    actor.require("person.manage", person)
    return person


@transaction.atomic
def update_person(actor, person, **fields):
    """Changes a person's details.

    A new e-mail address never re-targets an account: a person whose account is active keeps
    the account's address (its owner changes it under 'Mijn account'); a pending invitation to
    the old address is withdrawn, so its link can no longer set a password.
    """
    # As saved, not as a bound form may have left the instance: the address change is judged
    # against the stored one.
    person = Person.objects.select_related("user").select_for_update(of=("self",)).get(pk=person.pk)
    _require_manageable(actor, person)
    fields["email"] = (fields.get("email", person.email) or "").strip().lower()
    _check_unique_email(person.partnership, fields["email"], exclude_pk=person.pk)
    if person.user_id and fields["email"] != (person.email or "").lower():
        if person.user.has_usable_password():
            raise DomainError(
                _(
                    "%(person)s logt in met dit e-mailadres. Alleen de persoon zelf wijzigt het "
                    "adres van een account, via ‘Mijn account’."
                )
                % {"person": person}
            )
        _withdraw_invitation(person)
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()
    return person


def _withdraw_invitation(person):
    """Unlinks a person from the account their invitation created; that account goes too when
    nobody else uses it and it was never activated (its link then leads nowhere)."""
    user = person.user
    person.user = None
    person.invited_at = None
    person.save(update_fields=["user", "invited_at"])
    # Crosses tenants on purpose: is the account linked to a person of another partnership?
    with scopes_disabled():
        still_used = Person.objects.filter(user=user).exists()
    if not still_used and not user.has_usable_password() and not user.is_staff:
        user.delete()


# --- role assignments -------------------------------------------------------------------


@transaction.atomic
def assign_role(
    actor,
    person,
    *,
    role,
    schooljaar_from=None,
    schooljaar_to=None,
    partner=None,
    school=None,
    grouping=None,
    hours_per_week=None,
):
    """Gives `person` a role in a scope for a range of schooljaren (from: this one by default).

    Refuses a grant the actor may not make (`Access.may_grant`: nothing wider than their own
    reach, the governing roles only by a coordinator for the whole partnership), a scope of
    another partnership, a range that ends before it starts, and a second assignment of the
    same role in the same scope for overlapping schooljaren.
    """
    first = schooljaar_from or Schooljaar.current().start_year
    require_grant(
        actor, role, school=school, partner=partner, grouping=grouping, years=(first, schooljaar_to)
    )
    assignment = RoleAssignment(
        partnership=person.partnership,
        person=person,
        role=role,
        partner=partner,
        school=school,
        grouping=grouping,
        schooljaar_from=first,
        schooljaar_to=schooljaar_to,
        hours_per_week=hours_per_week,
    )
    validate_assignment(assignment)
    assignment.save()
    return assignment


@transaction.atomic
def update_assignment(actor, assignment, **fields):
    """Changes an assignment's role, scope, schooljaren or hours under the same rules: the
    actor must be allowed to grant it as it was and as it becomes.

    When refused, the assignment object keeps its old values.
    """
    # The grant as stored, not as a bound form may have left the instance.
    stored = RoleAssignment.objects.select_related("school", "partner", "grouping").get(
        pk=assignment.pk
    )
    require_grant(actor, stored.role, **grant_scope(stored))
    old = {name: getattr(assignment, name) for name in fields}
    for name, value in fields.items():
        setattr(assignment, name, value)
    moved = years_of(assignment) != years_of(stored)
    try:
        require_grant(
            actor,
            assignment.role,
            **grant_scope(assignment),
            years=years_of(assignment) if moved else None,
        )
        validate_assignment(assignment)
    except DomainError:
        for name, value in old.items():
            setattr(assignment, name, value)
        raise
    assignment.save()
    return assignment


@transaction.atomic
def end_assignment(actor, assignment, schooljaar=None):
    """Ends an assignment at the end of `schooljaar` (default: the current one).

    Only someone who may grant the role in that scope ends it. An assignment that starts
    later than that schooljaar cannot end before it starts, and one that already ended stays
    as it is.
    """
    require_grant(actor, assignment.role, **grant_scope(assignment))
    last = (schooljaar or Schooljaar.current()).start_year
    if assignment.schooljaar_from > last:
        raise DomainError(
            _(
                "Deze rol begint pas in %(start)s; pas het eerste schooljaar aan of "
                "verwijder de rol."
            )
            % {"start": Schooljaar(assignment.schooljaar_from)}
        )
    if assignment.schooljaar_to is not None and assignment.schooljaar_to <= last:
        raise DomainError(
            _("Deze rol is al beëindigd (tot en met %(end)s).")
            % {"end": Schooljaar(assignment.schooljaar_to)}
        )
    assignment.schooljaar_to = last
    assignment.save()
    return assignment


@transaction.atomic
def bulk_assign_role(actor, people, **fields):
    """Assigns one role to each person; people who already hold it are skipped.

    Returns (assigned, skipped) lists of people. A grant the actor may not make, or any other
    refusal (a scope of another partnership, a wrong range), refuses the whole action.
    """
    require_grant(
        actor,
        fields["role"],
        school=fields.get("school"),
        partner=fields.get("partner"),
        grouping=fields.get("grouping"),
        years=(
            fields.get("schooljaar_from") or Schooljaar.current().start_year,
            fields.get("schooljaar_to"),
        ),
    )
    assigned, skipped = [], []
    for person in people:
        try:
            assign_role(actor, person, **fields)
        except OutOfReach:
            raise
        except DomainError:
            probe = RoleAssignment(
                partnership=person.partnership,
                person=person,
                role=fields["role"],
                partner=fields.get("partner"),
                school=fields.get("school"),
                grouping=fields.get("grouping"),
                schooljaar_from=fields.get("schooljaar_from") or Schooljaar.current().start_year,
                schooljaar_to=fields.get("schooljaar_to"),
            )
            same = RoleAssignment.objects.filter(
                person=person,
                role=probe.role,
                partner=probe.partner,
                school=probe.school,
                grouping=probe.grouping,
            )
            if not overlapping(same, probe.schooljaar_from, probe.schooljaar_to).exists():
                raise
            skipped.append(person)
        else:
            assigned.append(person)
    return assigned, skipped


@transaction.atomic
def bulk_end_roles(actor, people, role, schooljaar=None):
    """Ends every assignment of `role` of these people that runs on after `schooljaar` and that
    the actor may grant; assignments elsewhere are left alone.

    Assignments that start after it are left alone too (they were planned on purpose).
    Returns (ended, left) counts: ended, and left alone for lying outside the actor's reach.
    Saved one by one, so that the history records each.
    """
    last = (schooljaar or Schooljaar.current()).start_year
    assignments = (
        RoleAssignment.objects.filter(person__in=list(people), role=role, schooljaar_from__lte=last)
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gt=last))
        .select_related("school", "partner", "grouping")
    )
    ended = left = 0
    for assignment in assignments:
        if not actor.may_grant(assignment.role, **grant_scope(assignment)):
            left += 1
            continue
        assignment.schooljaar_to = last
        assignment.save()
        ended += 1
    return ended, left


@dataclass
class BulkOutcome:
    """What a bulk action on people did: to how many, and whom or what it left alone."""

    action: str
    count: int
    skipped: list = field(default_factory=list)  # people it did not apply to
    left: int = 0  # roles outside the actor's reach, left as they were


def bulk_action(actor, action, people, *, request=None, **fields):
    """One action of the people list on `people`: "assign" a role (`fields`: assign_role's;
    who holds it already is skipped), "end" a role at the end of this schooljaar (`fields`:
    `role`; roles outside the actor's reach are left) or "invite" them (who has an account or
    no address is skipped). Each under the rules of its own operation above."""
    people = list(people)
    if action == "assign":
        assigned, skipped = bulk_assign_role(actor, people, **fields)
        return BulkOutcome(action, len(assigned), skipped)
    if action == "end":
        ended, left = bulk_end_roles(actor, people, fields["role"])
        return BulkOutcome(action, ended, left=left)
    invited, skipped = bulk_invite(actor, people, request)
    return BulkOutcome(action, len(invited), skipped)


# --- invitations ------------------------------------------------------------------------


def invitation_link(request, user):
    """The link that lets `user` choose a password: allauth's own password-reset key."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    return get_adapter(request).get_reset_password_from_key_url(key)


@transaction.atomic
def invite(actor, person, request):
    """Gives `person` an account (or links their existing one) and e-mails them about it.

    Guarantees, so that no coordinator can take over an account:
    - an existing account is linked only by its own address: verified, or the address of an
      account that was itself created by an invitation and has no password yet;
    - the link that chooses a password goes only to the account's own address, and only while
      the account has no password: an active account gets a notice, never a reset link;
    - a person linked to an account of another address is refused (change the address first);
    - inviting again re-sends the same invitation and creates nothing new.
    """
    person = Person.objects.select_related("user").select_for_update(of=("self",)).get(pk=person.pk)
    _require_manageable(actor, person)
    email = (person.email or "").strip().lower()
    if not email:
        raise DomainError(_("%(person)s heeft geen e-mailadres.") % {"person": person})
    user = person.user
    if user is not None and user.has_usable_password():
        raise DomainError(_("%(person)s heeft al een account.") % {"person": person})
    if user is not None and user.email.lower() != email:
        raise DomainError(
            _(
                "Het account van %(person)s hoort bij een ander e-mailadres. Pas het e-mailadres "
                "aan; daarna kunt u opnieuw uitnodigen."
            )
            % {"person": person}
        )
    if user is None:
        # Accounts are global: looking one up by e-mail crosses no tenant data.
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, first_name=person.first_name, last_name=_last_name(person)
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
        elif not _owns_address(user, email):
            raise DomainError(
                _(
                    "Er is al een account met %(email)s waarvan het adres niet bevestigd is. "
                    "Vraag de persoon in te loggen en het adres te bevestigen; nodig daarna "
                    "opnieuw uit."
                )
                % {"email": email}
            )
    with scopes_disabled():
        # The account may already be linked to a person of another partnership; the
        # constraint is per partnership, so only this partnership's people matter.
        taken = (
            Person.objects.filter(partnership=person.partnership, user=user)
            .exclude(pk=person.pk)
            .first()
        )
    if taken is not None:
        raise DomainError(
            _("Het account %(email)s hoort in dit partnerschap al bij %(other)s.")
            % {"email": email, "other": taken}
        )
    if not EmailAddress.objects.filter(user=user).exists():
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    person.user = user
    person.invited_at = timezone.now()
    person.save(update_fields=["user", "invited_at"])
    _send_invitation(
        person, user, actor.user, request, needs_password=not user.has_usable_password()
    )
    return person


def _owns_address(user, email):
    """Is `email` this account's own address: verified, or the address its invitation made?"""
    if EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return True
    return not user.has_usable_password() and user.email.lower() == email


def _last_name(person):
    return " ".join(p for p in (person.infix, person.last_name) if p)


def _send_invitation(person, user, by, request, needs_password):
    context = {
        "person": person,
        "partnership": person.partnership,
        "by": by,
        "needs_password": needs_password,
        "link": invitation_link(request, user)
        if needs_password
        else request.build_absolute_uri(f"/{person.partnership.slug}/"),
    }
    # The account's own address, which `invite` has checked is the person's: never another.
    recipient = user.email
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("roles/email/invitation_subject.txt", context).strip()
        body = render_to_string("roles/email/invitation_message.txt", context)
    send_mail(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [recipient],
    )


def bulk_invite(actor, people, request):
    """Invites each person without an account; returns (invited, skipped)."""
    invited, skipped = [], []
    for person in people:
        if person.user_id or not person.email:
            skipped.append(person)
            continue
        try:
            invite(actor, person, request)
        except DomainError:
            skipped.append(person)
        else:
            invited.append(person)
    return invited, skipped


def _verify_invited_address(sender, request, user, **kwargs):
    """Choosing a password through the invitation link proves the invitee reads that mailbox.

    allauth does not verify an address on a password reset; without this an invited person
    would set a password and then be asked to verify the same address once more.
    """
    with scopes_disabled():
        # Per account: was this user invited by any partnership?
        invited = Person.objects.filter(user=user, invited_at__isnull=False).exists()
    if invited:
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=False).update(
            verified=True
        )


account_signals.password_reset.connect(
    _verify_invited_address, dispatch_uid="roles.verify_invited_address"
)


# --- role descriptions ------------------------------------------------------------------


@transaction.atomic
def describe_role(actor, role):
    """The partnership's description of `role`, created empty when there is none yet."""
    description, _created = RoleDescription.objects.get_or_create(
        partnership=actor.partnership, role=role
    )
    actor.require("roledescription.edit", description)
    return description


@transaction.atomic
def save_role_description(actor, description, *, tasks, responsibilities):
    actor.require("roledescription.edit", description)
    description.tasks = tasks
    description.responsibilities = responsibilities
    description.save()
    return description


def descriptions_for(access):
    """The partnership's descriptions of the roles `access` holds, as {role key: description}.

    For the dashboard include roles/_my_roles.html; one query.
    """
    roles = {a.role for a in access.current_assignments}
    if not roles or access.partnership is None:
        return {}
    return {
        d.role: d
        for d in RoleDescription.objects.filter(partnership=access.partnership, role__in=roles)
    }


# --- import -----------------------------------------------------------------------------


def preview_import(actor, upload):
    """Checks every row without saving anything: the rows with their Dutch errors (header =
    row 1; row 0: the file as a whole)."""
    result = import_rows(actor, upload.dataset, dry_run=True)
    return ImportPreview(upload, row_errors(result, upload))


@transaction.atomic
def run_import(actor, upload):
    """Imports every row, or nothing: any refused row rolls the whole file back. A row whose
    role the actor may not grant there is refused like any other bad row.

    Returns the number of rows imported.
    """
    result = import_rows(actor, upload.dataset, dry_run=False)
    errors = row_errors(result, upload)
    if errors:
        number, messages = next(iter(errors.items()))
        raise DomainError(
            _("Niets geïmporteerd: rij %(row)s: %(error)s") % {"row": number, "error": messages[0]}
        )
    return len(upload.dataset)
