"""The forms of the gouden driehoek: opening a placement's forms, answering, submitting,
signing and reopening them. Each operation takes `actor` (samen.permissions.Access), checks
the `placementform.*` rules on the placement inside its transaction, and leaves the storing
of answers and signatures to the questionnaire engine (questionnaires.services).

Who answers, signs and sees what, in one place:

* A person's relation to the placement gives their *form roles* (`form_roles`): its student
  "student", its mentor (in VO the vakbegeleider, who is in the mentor field) "mentor", its
  instituutsopleider "instituutsopleider". These are the names the seeded templates use in
  `Version.signers` and `Question.answered_by`.
* In a draft, the student and the mentor answer the questions for everyone (the learning
  goals) and each their own; the instituutsopleider answers only the questions that are
  theirs (the final judgement). The student or the mentor submits; then each signer signs in
  the version's order, and may still answer their own questions until they have signed.
* Only the instituutsopleider reopens, with a reason; the placement's log records it with the
  signatures it removed.

Forms are opened when a placement becomes bevestigd or lopend (services.transition and an
overstap's continuation call `open_forms`): eagerly rather than on a first visit, so that the
due and overdue reminders are planned without anyone opening a page, and the coordinator's
list of forms ("startgesprek nog niet ingediend") holds every running placement.
"""

import copy
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from formtemplates.models import FormTemplate
from notifications import services as notifications
from placements import lifecycle
from placements.models import FormKind, PlacementEvent, PlacementStatus
from questionnaires import services as engine
from questionnaires.models import Question, ResponseStatus
from samen import schoolvakanties
from samen.errors import DomainError

from .models import PlacementForm

#: The role names of the placement forms, and the placement field naming the person in each.
STUDENT, MENTOR, IO = "student", "mentor", "instituutsopleider"
ROLE_FIELDS = {STUDENT: "student", MENTOR: "mentor", IO: "instituutsopleider"}
#: Who answers the questions for everyone (those without `answered_by`) and submits.
SHARED_ROLES = frozenset({STUDENT, MENTOR})

#: Notification kinds (registered in placementforms/notifications.py): one per signing role, so
#: that two turns on one day (the student signs, then the mentor) are two notifications
#: (the engine keeps one per kind, target and day).
TURN = "placementform.turn.%s"
DUE = "placementform.due"
#: The due reminder goes out this many days before the due date; the overdue one the day after.
REMIND_DAYS_BEFORE = 3

#: The document kind of a completed form (registered in placementforms/documents.py).
PDF = "placement_form"

#: The statuses in which a placement has its forms opened.
OPENS_FORMS = frozenset({PlacementStatus.BEVESTIGD, PlacementStatus.LOPEND})
#: A reopened form is due again this many days after its reopening (or its own date, if later).
REOPEN_DAYS = 14


# --- Which questionnaire, until when --------------------------------------------------------


def template_for(placement, kind):
    """The FormTemplate of the placement's institute for `kind`, matching the period's
    programme and phase, most specific first (programme and phase, programme, phase, neither),
    with a published version; None without a period or a fitting template."""
    period = placement.period
    if period is None:
        return None
    candidates = (
        FormTemplate.objects.filter(
            institute_id=period.institute_id,
            kind=kind,
            programme__in=(period.programme, ""),
            phase__in=(period.phase, ""),
        )
        .select_related("questionnaire")
        .prefetch_related("questionnaire__versions")
    )

    def specificity(template):
        return (template.programme == "", template.phase == "")

    for template in sorted(candidates, key=specificity):
        if template.questionnaire.published is not None:
            return template
    return None


def due_date(placement, kind):
    """When a form is due, from the placement's own dates (the period's, unless a verlenging
    or an overstap moved them): the startgesprek two weeks after the start, the tussentijdse
    beoordeling halfway, the eindbeoordeling on the last day — each moved out of the school's
    holidays (samen.schoolvakanties) to the nearest day of the placement outside them, where
    the placement's days allow."""
    starts_on, ends_on = placement.starts_on, placement.ends_on
    if kind == FormKind.START:
        day = min(starts_on + dt.timedelta(days=14), ends_on)
    elif kind == FormKind.TUSSENTIJDS:
        day = starts_on + (ends_on - starts_on) / 2
    else:
        day = ends_on
    region = placement.school.vakantieregio if placement.school_id else ""
    return schoolvakanties.avoid(day, region, earliest=starts_on, latest=ends_on)


# --- Opening ---------------------------------------------------------------------------------


def _record(actor, placement, kind, *, details, reason=""):
    return PlacementEvent.objects.create(
        partnership=placement.partnership,
        placement=placement,
        kind=kind,
        from_status=placement.status,
        to_status=placement.status,
        reason=reason.strip(),
        details=details,
        by=actor.person,
        by_user=actor.user,
    )


@transaction.atomic
def open_form(actor, placement, kind):
    """The placement's form of `kind`, opened now if it was not: a response on the template's
    current published version, which this placement keeps whatever is published later.
    Refused (DomainError) without a fitting published template."""
    actor.require("placement.manage", placement)
    existing = PlacementForm.objects.filter(placement=placement, kind=kind).first()
    if existing is not None:
        return existing
    template = template_for(placement, kind)
    if template is None:
        raise DomainError(
            _("Er is geen gepubliceerd sjabloon voor de %(kind)s van deze stageperiode.")
            % {"kind": FormKind(kind).label.lower()}
        )
    response = engine.start_response(template.questionnaire.published)
    form = PlacementForm.objects.create(
        partnership=placement.partnership,
        placement=placement,
        kind=kind,
        response=response,
        due_on=due_date(placement, kind),
    )
    plan_due_reminders(form)
    return form


@transaction.atomic
def open_forms(actor, placement):
    """Opens every form of the placement that has a template and is not open yet; returns the
    forms opened now. A kind without a template is skipped (the coordinator can open it later,
    once its template is published)."""
    opened = []
    have = set(PlacementForm.objects.filter(placement=placement).values_list("kind", flat=True))
    for kind in FormKind:
        if kind in have or template_for(placement, kind) is None:
            continue
        opened.append(open_form(actor, placement, kind))
    return opened


def missing_kinds(placement):
    """The kinds of form the placement has no form of yet, but a template for."""
    have = set(PlacementForm.objects.filter(placement=placement).values_list("kind", flat=True))
    return [k for k in FormKind if k not in have and template_for(placement, k) is not None]


# --- Who answers and signs ------------------------------------------------------------------


def role_labels(placement):
    """How a form role is named on this placement's pages."""
    return {
        STUDENT: _("Aankomende leraar"),
        MENTOR: placement.mentor_label,
        IO: _("Instituutsopleider"),
    }


def form_roles(actor, placement):
    """The form roles (`ROLE_FIELDS`) `actor` holds on `placement`: who they are in it, as far
    as their roles let them fill in its forms (`placementform.edit`). Empty for readers."""
    person = actor.person
    if person is None:
        return []
    mine = [r for r, name in ROLE_FIELDS.items() if getattr(placement, f"{name}_id") == person.pk]
    if not mine or not actor.can("placementform.edit", placement):
        return []
    return mine


def editable_questions(form, roles, questions=None):
    """The questions someone in `roles` may still change: the engine's answer, except that
    only the student and the mentor answer the questions for everyone."""
    found = engine.editable_questions(form.response, roles, questions)
    if SHARED_ROLES & set(roles):
        return found
    return [q for q in found if q.answered_by]


def people_of(placement, roles):
    """The Person in each form role of the placement, in the order of `roles`."""
    found = []
    for role in roles:
        person = getattr(placement, ROLE_FIELDS[role], None) if role in ROLE_FIELDS else None
        if person is not None:
            found.append(person)
    return found


def _locked_form(actor, form, action):
    form = (
        PlacementForm.objects.select_for_update(of=("self",))
        .select_related("placement", "response__version")
        .get(pk=form.pk)
    )
    actor.require(action, form.placement)
    if form.placement.status == PlacementStatus.AFGEBROKEN:
        raise DomainError(_("Deze stage is afgebroken; haar formulieren veranderen niet meer."))
    if form.is_closed:
        raise DomainError(
            _("Dit formulier is gesloten en verandert niet meer: %(reason)s")
            % {"reason": form.closed_reason}
        )
    return form


@transaction.atomic
def save_answers(actor, form, raw):
    """Saves the answers `actor` may give ({question key: posted value}); returns {key: Dutch
    message} for values that do not clean (the others are saved: autosave keeps what it can)."""
    form = _locked_form(actor, form, "placementform.edit")
    if form.response.status == ResponseStatus.LOCKED:
        raise DomainError(_("Dit formulier is afgerond en kan niet meer worden gewijzigd."))
    roles = form_roles(actor, form.placement)
    if not roles:
        raise DomainError(_("U vult dit formulier niet in."))
    allowed = {q.key for q in editable_questions(form, roles)}
    if not allowed:
        raise DomainError(_("Er is in dit formulier nu niets dat u kunt invullen."))
    return engine.save_answers(
        form.response, {k: v for k, v in raw.items() if k in allowed}, roles=roles, user=actor.user
    )


@transaction.atomic
def submit(actor, form):
    """Submits the draft (the student or the mentor): the shared answers are frozen and the
    first signer is told it is their turn."""
    form = _locked_form(actor, form, "placementform.edit")
    roles = form_roles(actor, form.placement)
    if not SHARED_ROLES & set(roles):
        raise DomainError(_("De aankomende leraar of de mentor dient dit formulier in."))
    response = engine.submit(form.response, user=actor.user)
    form.response = response
    _record(
        actor,
        form.placement,
        PlacementEvent.Kind.FORM_SUBMITTED,
        details={"form": form.kind},
    )
    plan_turn(form)
    return form


@transaction.atomic
def sign(actor, form):
    """Signs the form in the role whose turn it is, if `actor` holds it on the placement; the
    last signature locks it. The next signer is told it is their turn."""
    form = _locked_form(actor, form, "placementform.sign")
    roles = form_roles(actor, form.placement)
    waiting = engine.next_signer(form.response)
    if waiting is None:
        raise DomainError(
            _("Dit formulier wacht op niemands handtekening.")
            if form.response.status == ResponseStatus.LOCKED
            else _("Een formulier wordt pas ondertekend als het is ingediend.")
        )
    if waiting not in roles:
        raise DomainError(_("U bent nog niet aan de beurt om dit formulier te ondertekenen."))
    name = str(actor.person)
    form.response = engine.sign(form.response, waiting, user=actor.user, name=name)
    _record(
        actor,
        form.placement,
        PlacementEvent.Kind.FORM_SIGNED,
        details={"form": form.kind, "role": waiting},
    )
    plan_turn(form)
    return form


@transaction.atomic
def reopen(actor, form, reason):
    """Reopens a submitted or locked form (the instituutsopleider, with a reason): back to
    draft, its signatures removed. The reason stands on the form for its signers, and it is
    due again `REOPEN_DAYS` after today (or on its own date, if later; out of the school's
    holidays), so it does not open as late; the placement's log records the reason, the
    removed signatures and the dates."""
    form = _locked_form(actor, form, "placementform.reopen")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Geef een reden op waarom het formulier wordt heropend."))
    removed = engine.reopen(form.response)
    form.response.refresh_from_db()
    old_due_on, today = form.due_on, timezone.localdate()
    region = form.placement.school.vakantieregio
    fresh = schoolvakanties.avoid(
        max(old_due_on, today + dt.timedelta(days=REOPEN_DAYS)), region, earliest=today
    )
    form.due_on = fresh
    form.reopened_at = timezone.now()
    form.reopened_by = str(actor.person or actor.user)
    form.reopen_reason = reason
    form.save(update_fields=["due_on", "reopened_at", "reopened_by", "reopen_reason"])
    if fresh != old_due_on:
        plan_due_reminders(form)
    _record(
        actor,
        form.placement,
        PlacementEvent.Kind.FORM_REOPENED,
        reason=reason,
        details={
            "form": form.kind,
            "removed": removed,
            "old_due_on": old_due_on.isoformat(),
            "due_on": fresh.isoformat(),
        },
    )
    return form


def eind_is_locked(placement):
    """Is the placement's eindbeoordeling fully signed?"""
    return PlacementForm.objects.filter(
        placement=placement, kind=FormKind.EIND, response__status=ResponseStatus.LOCKED
    ).exists()


def _open_drafts(placement):
    return PlacementForm.objects.filter(
        placement=placement, response__status=ResponseStatus.DRAFT, closed_at__isnull=True
    ).order_by("due_on", "pk")


def due_changes(placement, ends_on, *, move_overdue=False, today=None):
    """What a verlenging to `ends_on` does to the due dates of the forms not yet submitted,
    as lifecycle.DueChange rows (for its confirmation and its log). A form already late keeps
    its date and stays late, unless `move_overdue` — the coordinator's explicit choice, which
    the row says."""
    today = today or timezone.localdate()
    longer = copy.copy(placement)
    longer.ends_on = ends_on
    changes = []
    for form in _open_drafts(placement):
        new = due_date(longer, form.kind)
        overdue = form.due_on < today
        if overdue and not move_overdue:
            new = form.due_on
        if new != form.due_on or overdue:
            changes.append(
                lifecycle.DueChange(
                    kind=form.kind,
                    label=form.get_kind_display(),
                    old=form.due_on,
                    new=new,
                    was_overdue=overdue,
                )
            )
    return changes


def dates_changed(placement, *, move_overdue=False):
    """After a verlenging: forms not yet submitted get due dates from the new dates (and
    reminders for them); one already late keeps its date unless `move_overdue`. Returns the
    changes (due_changes)."""
    changes = due_changes(placement, placement.ends_on, move_overdue=move_overdue)
    by_kind = {c.kind: c for c in changes if c.moves}
    for form in _open_drafts(placement).filter(kind__in=by_kind):
        form.due_on = by_kind[form.kind].new
        form.save(update_fields=["due_on"])
        plan_due_reminders(form)
    return changes


def _closing(placement, move_on):
    return list(
        PlacementForm.objects.filter(
            placement=placement, closed_at__isnull=True, due_on__gte=move_on
        )
        .exclude(response__status=ResponseStatus.LOCKED)
        .order_by("pk")
    )


def closing_on_move(placement, move_on):
    """The names of the forms an overstap on `move_on` would close (close_after_move)."""
    order = list(FormKind.values)
    forms = sorted(_closing(placement, move_on), key=lambda f: order.index(f.kind))
    return [form.get_kind_display() for form in forms]


def close_after_move(actor, placement, continuation):
    """After an overstap (placements.lifecycle.moved; the overstap's event names them): the
    old placement's forms that can no longer be completed — not signed by everyone, and due
    after its last day at the old school (their moment, the eindbeoordeling above all, comes
    at the new school, whose placement has forms of its own) — are closed with the move as
    the reason: kept and readable, no longer reminded, late or changed. Forms due before the
    move stay as they are: their conversation happened there."""
    reason = _(
        "De aankomende leraar is op %(day)s overgestapt naar %(school)s; dit formulier wordt "
        "daar op de nieuwe stage ingevuld."
    ) % {"day": date_format(continuation.starts_on, "j F Y"), "school": continuation.school.name}
    closing = _closing(placement, placement.ends_on + dt.timedelta(days=1))
    now = timezone.now()
    for form in closing:
        form.closed_at, form.closed_reason = now, reason
        form.save(update_fields=["closed_at", "closed_reason"])
    return [form.kind for form in closing]


# --- Reminders ------------------------------------------------------------------------------


def plan_due_reminders(form):
    """Plans the due reminder (REMIND_DAYS_BEFORE days before) and the overdue one (the day
    after the due date) to the form's signers; a day already past becomes today. Whether they
    still go out is decided on the day (placementforms/notifications.py: only while not
    submitted)."""
    today = timezone.localdate()
    days = {
        max(form.due_on - dt.timedelta(days=REMIND_DAYS_BEFORE), today),
        max(form.due_on + dt.timedelta(days=1), today),
    }
    for day in sorted(days):
        notifications.schedule(DUE, form, day)


def plan_turn(form):
    """Tells the signer whose turn it is now, today (one mail; none when nobody is waiting)."""
    waiting = engine.next_signer(form.response)
    if waiting is not None:
        notifications.schedule(TURN % waiting, form, timezone.localdate())


# --- Reads ----------------------------------------------------------------------------------


def questions_of(form):
    return list(Question.objects.filter(version_id=form.response.version_id))
