"""People and their roles: create people, assign and end roles, invite, import, describe roles.

Every function is one transaction and raises `samen.errors.DomainError` with a Dutch message
when a rule refuses the operation. Role assignments are checked here, not in forms, so that
the single form, the bulk action and the import share the same rules.
"""

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
from samen.schooljaar import Schooljaar

from ..models import Person, Role, RoleAssignment, RoleDescription, User

# --- people ---------------------------------------------------------------------------


def _check_unique_email(partnership, email, exclude_pk=None):
    if not email:
        return
    others = Person.objects.filter(partnership=partnership, email__iexact=email)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise DomainError(_("Er is al een persoon met dit e-mailadres in dit partnerschap."))


@transaction.atomic
def create_person(partnership, *, expertise=(), **fields):
    """A new person of this partnership; e-mail addresses are unique per partnership."""
    fields["email"] = (fields.get("email") or "").strip().lower()
    _check_unique_email(partnership, fields["email"])
    person = Person.objects.create(partnership=partnership, **fields)
    person.expertise.set(expertise)
    return person


@transaction.atomic
def update_person(person, *, expertise=None, **fields):
    fields["email"] = (fields.get("email", person.email) or "").strip().lower()
    _check_unique_email(person.partnership, fields["email"], exclude_pk=person.pk)
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()
    if expertise is not None:
        person.expertise.set(expertise)
    return person


# --- role assignments -------------------------------------------------------------------


def _overlapping(queryset, start, end):
    """Assignments in `queryset` whose schooljaren overlap start..end (end None: open)."""
    queryset = queryset.filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=start))
    if end is not None:
        queryset = queryset.filter(schooljaar_from__lte=end)
    return queryset


def validate_assignment(assignment):
    person = assignment.person
    scopes = [s for s in (assignment.partner, assignment.school, assignment.grouping) if s]
    if len(scopes) > 1:
        raise DomainError(
            _("Kies één reikwijdte: een bestuur of instituut, een school of een cluster.")
        )
    for obj in scopes:
        if obj.partnership_id != person.partnership_id:
            raise DomainError(_("Deze school, partner of cluster hoort niet bij dit partnerschap."))
    if assignment.role not in Role.values:
        raise DomainError(_("Onbekende rol."))
    if (
        assignment.schooljaar_to is not None
        and assignment.schooljaar_to < assignment.schooljaar_from
    ):
        raise DomainError(_("Het laatste schooljaar ligt vóór het eerste schooljaar."))
    if assignment.hours_per_week is not None and assignment.hours_per_week < 0:
        raise DomainError(_("Het aantal uren kan niet negatief zijn."))
    if person.pk is None:
        return  # a person not saved yet holds no roles
    same = RoleAssignment.objects.filter(
        person=person,
        role=assignment.role,
        partner=assignment.partner,
        school=assignment.school,
        grouping=assignment.grouping,
    )
    if assignment.pk:
        same = same.exclude(pk=assignment.pk)
    if _overlapping(same, assignment.schooljaar_from, assignment.schooljaar_to).exists():
        raise DomainError(
            _("%(person)s heeft de rol %(role)s (%(scope)s) al in deze schooljaren.")
            % {
                "person": person,
                "role": assignment.get_role_display(),
                "scope": assignment.scope_label,
            }
        )


@transaction.atomic
def assign_role(
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

    Refuses a scope of another partnership, a range that ends before it starts, and a second
    assignment of the same role in the same scope for overlapping schooljaren.
    """
    assignment = RoleAssignment(
        partnership=person.partnership,
        person=person,
        role=role,
        partner=partner,
        school=school,
        grouping=grouping,
        schooljaar_from=schooljaar_from or Schooljaar.current().start_year,
        schooljaar_to=schooljaar_to,
        hours_per_week=hours_per_week,
    )
    validate_assignment(assignment)
    assignment.save()
    return assignment


@transaction.atomic
def update_assignment(assignment, **fields):
    """Changes an assignment's role, scope, schooljaren or hours under the same rules.

    When refused, the assignment object keeps its old values.
    """
    old = {name: getattr(assignment, name) for name in fields}
    for name, value in fields.items():
        setattr(assignment, name, value)
    try:
        validate_assignment(assignment)
    except DomainError:
        for name, value in old.items():
            setattr(assignment, name, value)
        raise
    assignment.save()
    return assignment


@transaction.atomic
def end_assignment(assignment, schooljaar=None):
    """Ends an assignment at the end of `schooljaar` (default: the current one).

    An assignment that starts later than that schooljaar cannot end before it starts, and
    one that already ended stays as it is.
    """
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
def bulk_assign_role(people, **fields):
    """Assigns one role to each person; people who already hold it are skipped.

    Returns (assigned, skipped) lists of people. Any other refusal (a scope of another
    partnership, a wrong range) refuses the whole action.
    """
    assigned, skipped = [], []
    for person in people:
        try:
            assign_role(person, **fields)
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
            if not _overlapping(same, probe.schooljaar_from, probe.schooljaar_to).exists():
                raise
            skipped.append(person)
        else:
            assigned.append(person)
    return assigned, skipped


@transaction.atomic
def bulk_end_roles(people, role, schooljaar=None):
    """Ends every assignment of `role` of these people that runs on after `schooljaar`.

    Assignments that start after it are left alone (they were planned on purpose). Returns
    the number of assignments ended. Saved one by one, so that the history records each.
    """
    last = (schooljaar or Schooljaar.current()).start_year
    assignments = RoleAssignment.objects.filter(
        person__in=list(people), role=role, schooljaar_from__lte=last
    ).filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gt=last))
    count = 0
    for assignment in assignments:
        assignment.schooljaar_to = last
        assignment.save()
        count += 1
    return count


# --- invitations ------------------------------------------------------------------------


def invitation_link(request, user):
    """The link that lets `user` choose a password: allauth's own password-reset key."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    return get_adapter(request).get_reset_password_from_key_url(key)


@transaction.atomic
def invite(person, by, request):
    """Gives `person` an account (or links the existing one) and e-mails a link to set a password.

    One account may hold roles in several partnerships: when a User with this e-mail address
    exists, the person is linked to it and that account keeps its password. A new account has
    no usable password and an unverified address; choosing a password through the link
    verifies the address (see `_verify_invited_address`).
    """
    email = (person.email or "").strip().lower()
    if not email:
        raise DomainError(_("%(person)s heeft geen e-mailadres.") % {"person": person})
    if person.user_id and person.user.has_usable_password():
        raise DomainError(_("%(person)s heeft al een account.") % {"person": person})
    # Accounts are global: looking one up by e-mail crosses no tenant data.
    user = person.user or User.objects.filter(email__iexact=email).first()
    is_new = user is None
    if is_new:
        user = User.objects.create_user(
            email=email, first_name=person.first_name, last_name=_last_name(person)
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
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
    EmailAddress.objects.get_or_create(
        user=user, email__iexact=email, defaults={"email": email, "primary": True}
    )
    person.user = user
    person.invited_at = timezone.now()
    person.save(update_fields=["user", "invited_at"])
    _send_invitation(person, user, by, request, needs_password=not user.has_usable_password())
    return person


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
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("roles/email/invitation_subject.txt", context).strip()
        body = render_to_string("roles/email/invitation_message.txt", context)
    send_mail(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [person.email],
    )


def bulk_invite(people, by, request):
    """Invites each person without an account; returns (invited, skipped)."""
    invited, skipped = [], []
    for person in people:
        if person.user_id or not person.email:
            skipped.append(person)
            continue
        try:
            invite(person, by, request)
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


def describe_role(partnership, role):
    """The partnership's description of `role`, created empty when there is none yet."""
    description, _created = RoleDescription.objects.get_or_create(
        partnership=partnership, role=role
    )
    return description


def descriptions_for(access):
    """The partnership's descriptions of the roles `access` holds, as {role key: description}.

    For the dashboard include roles/_my_roles.html; one query.
    """
    roles = {a.role for a in access.assignments}
    if not roles or access.partnership is None:
        return {}
    return {
        d.role: d
        for d in RoleDescription.objects.filter(partnership=access.partnership, role__in=roles)
    }


# --- import -----------------------------------------------------------------------------


def preview_import(partnership, dataset):
    """Checks every row without saving anything: {"rows": [...], "errors": [...]}.

    "rows" holds (row number in the file, values by column without hyphens (email), messages)
    for each row; "errors" only the refused rows. The header is row 1.
    """
    from ..resources import import_rows, row_errors

    result = import_rows(partnership, dataset, dry_run=True)
    errors = row_errors(result)
    by_row = dict(errors)
    rows = [
        (
            number,
            {h.replace("-", ""): v for h, v in zip(dataset.headers, values, strict=False)},
            by_row.get(number, []),
        )
        for number, values in enumerate(dataset, start=2)
    ]
    return {"rows": rows, "errors": errors, "general": by_row.get(0, [])}


@transaction.atomic
def run_import(partnership, dataset):
    """Imports every row, or nothing: any refused row rolls the whole file back.

    Returns the number of rows imported.
    """
    from ..resources import import_rows, row_errors

    result = import_rows(partnership, dataset, dry_run=False)
    errors = row_errors(result)
    if errors:
        number, messages = errors[0]
        raise DomainError(
            _("Niets geïmporteerd: rij %(row)s: %(error)s") % {"row": number, "error": messages[0]}
        )
    return len(dataset)
