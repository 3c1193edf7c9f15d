"""Plan, Do, Check, Act: every change to the Gesprekskader, the jaarplan, dialogue sessions,
findings, next steps and follow-up actions.

Each operation takes `actor` (the acting person's samen.permissions.Access) and re-checks the
actor's reach on what it saved inside its transaction. Refusals are DomainErrors with a Dutch
message; the views show them.

Other Check instruments (scans, surveys, panel conversations, peer reviews) register their
outcomes with `record_finding(source=…)`: a Finding points at its source by content type and
id, so pdca needs to know nothing of them (docs/architecture.md, "Plan, Do, Check, Act").
The overviews that read them per waarborg are pdca/overviews.py.
"""

import difflib
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import pickers
from samen.errors import DomainError
from samen.permissions import OutOfReach
from samen.schooljaar import Schooljaar

from .catalogue import CATALOGUE
from .models import (
    ActivityStatus,
    DialogueSession,
    Finding,
    FollowUpAction,
    Gesprekskader,
    GesprekskaderItem,
    Jaarplan,
    JaarplanActivity,
    JaarplanGoal,
    JaarplanVersion,
    NextStep,
    Waarborg,
)

# --- The Gesprekskader ----------------------------------------------------------------------


def seed_gesprekskader(partnership, schooljaar):
    """The partnership's Gesprekskader of `schooljaar` from the standard catalogue (the
    demo, and a partnership's first year); returns the existing one if there is one."""
    kader, created = Gesprekskader.objects.get_or_create(
        partnership=partnership, schooljaar=schooljaar
    )
    if created:
        _add_catalogue(kader)
    return kader


def _add_catalogue(kader):
    GesprekskaderItem.objects.bulk_create(
        GesprekskaderItem(
            partnership_id=kader.partnership_id,
            kader=kader,
            waarborg=waarborg,
            theme=theme,
            subtheme=subtheme,
            number=number,
            text=text,
        )
        for waarborg, theme, subtheme, texts in CATALOGUE
        for number, text in enumerate(texts, start=1)
    )


@transaction.atomic
def start_gesprekskader(actor, schooljaar):
    """Starts the Gesprekskader of `schooljaar` as a copy of the latest earlier one (or of
    the standard catalogue for a partnership's first): editing it never changes that one."""
    if not actor.can("gesprekskader.edit"):
        raise OutOfReach()
    if Gesprekskader.objects.filter(schooljaar=schooljaar).exists():
        raise DomainError(
            _("Er is al een gesprekskader voor %(jaar)s.") % {"jaar": Schooljaar(schooljaar)}
        )
    previous = Gesprekskader.objects.filter(schooljaar__lt=schooljaar).order_by("-schooljaar")
    previous = previous.first()
    kader = Gesprekskader.objects.create(
        partnership=actor.partnership, schooljaar=schooljaar, based_on=previous
    )
    if previous is None:
        _add_catalogue(kader)
    else:
        GesprekskaderItem.objects.bulk_create(
            GesprekskaderItem(
                partnership_id=kader.partnership_id,
                kader=kader,
                waarborg=item.waarborg,
                theme=item.theme,
                subtheme=item.subtheme,
                number=item.number,
                text=item.text,
            )
            for item in previous.items.all()
        )
    actor.require("gesprekskader.edit", kader)
    return kader


@transaction.atomic
def save_item(actor, kader, item=None, *, waarborg, theme, subtheme, number, text):
    """Adds an item to a Gesprekskader, or changes one of its items."""
    actor.require("gesprekskader.edit", kader)
    if item is None:
        item = GesprekskaderItem(partnership_id=kader.partnership_id, kader=kader)
    elif item.kader_id != kader.pk:
        raise OutOfReach()
    item.waarborg = waarborg
    item.theme = theme
    item.subtheme = subtheme
    item.number = number
    item.text = text
    item.save()
    return item


def items_by_theme(items):
    """[(waarborg label, [(theme, subtheme, [items])])] for showing a Gesprekskader."""
    grouped = defaultdict(lambda: defaultdict(list))
    for item in items:
        grouped[item.waarborg][(item.theme, item.subtheme)].append(item)
    return [
        (
            waarborg,
            Waarborg(waarborg).label,
            [(theme, sub, rows) for (theme, sub), rows in grouped[waarborg].items()],
        )
        for waarborg in sorted(grouped)
    ]


# --- Plan: the jaarplan ---------------------------------------------------------------------


def _editable(jaarplan):
    """Only a concept is edited: one submitted or adopted is read-only."""
    if jaarplan.status != Jaarplan.Status.CONCEPT:
        raise DomainError(
            _(
                "Dit jaarplan is %(status)s en kan niet meer worden gewijzigd. "
                "Begin eerst een nieuwe conceptversie."
            )
            % {"status": jaarplan.get_status_display().lower()}
        )


def _locked(actor, jaarplan, action):
    """The jaarplan again, locked for this transaction, after checking `action` on it."""
    jaarplan = Jaarplan.objects.select_for_update().get(pk=jaarplan.pk)
    actor.require(action, jaarplan)
    return jaarplan


@transaction.atomic
def create_jaarplan(actor, *, schooljaar, title):
    if not actor.can("jaarplan.edit"):
        raise OutOfReach()
    if Jaarplan.objects.filter(schooljaar=schooljaar).exists():
        raise DomainError(
            _("Er is al een jaarplan voor %(jaar)s.") % {"jaar": Schooljaar(schooljaar)}
        )
    try:
        with transaction.atomic():
            jaarplan = Jaarplan.objects.create(
                partnership=actor.partnership, schooljaar=schooljaar, title=title
            )
    except IntegrityError:
        raise DomainError(
            _("Er is al een jaarplan voor %(jaar)s.") % {"jaar": Schooljaar(schooljaar)}
        ) from None
    actor.require("jaarplan.edit", jaarplan)
    return jaarplan


@transaction.atomic
def save_goal(actor, jaarplan, goal=None, *, waarborg, title, description=""):
    jaarplan = _locked(actor, jaarplan, "jaarplan.edit")
    _editable(jaarplan)
    if goal is None:
        goal = JaarplanGoal(partnership_id=jaarplan.partnership_id, jaarplan=jaarplan)
    elif goal.jaarplan_id != jaarplan.pk:
        raise OutOfReach()
    goal.waarborg = waarborg
    goal.title = title
    goal.description = description
    goal.save()
    return goal


@transaction.atomic
def save_activity(actor, goal, activity=None, *, title, owner=None, starts_on=None, ends_on=None):
    jaarplan = _locked(actor, goal.jaarplan, "jaarplan.edit")
    _editable(jaarplan)
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_("De einddatum ligt vóór de startdatum."))
    if activity is None:
        activity = JaarplanActivity(partnership_id=goal.partnership_id, goal=goal)
    elif activity.goal.jaarplan_id != jaarplan.pk:
        raise OutOfReach()
    activity.goal = goal
    activity.title = title
    activity.owner = owner
    activity.starts_on = starts_on
    activity.ends_on = ends_on
    activity.save()
    return activity


@transaction.atomic
def delete_goal(actor, goal):
    """Removes a goal and its activities from a concept."""
    jaarplan = _locked(actor, goal.jaarplan, "jaarplan.edit")
    _editable(jaarplan)
    goal.delete()


@transaction.atomic
def delete_activity(actor, activity):
    """Removes an activity from a concept."""
    jaarplan = _locked(actor, activity.goal.jaarplan, "jaarplan.edit")
    _editable(jaarplan)
    activity.delete()


@transaction.atomic
def set_activity_progress(actor, activity, *, status, notes):
    """Do: an activity planned, under way or done, with notes (its owner, the projectgroep).
    Allowed on an adopted plan: progress is not a change of the plan."""
    activity = JaarplanActivity.objects.select_for_update().get(pk=activity.pk)
    actor.require("activity.progress", activity)
    if status not in ActivityStatus.values:
        raise DomainError(_("Kies een geldige voortgang."))
    activity.status = status
    activity.notes = notes
    activity.save(update_fields=["status", "notes"])
    return activity


def snapshot(jaarplan):
    """The plan's content as plain data: what a version keeps and a difference compares."""
    goals = jaarplan.goals.prefetch_related("activities__owner").order_by("waarborg", "pk")
    return {
        "title": jaarplan.title,
        "goals": [
            {
                "id": goal.pk,
                "waarborg": goal.waarborg,
                "title": goal.title,
                "description": goal.description,
                "activities": [
                    {
                        "id": a.pk,
                        "title": a.title,
                        "owner": a.owner.full_name if a.owner else "",
                        "starts_on": a.starts_on.isoformat() if a.starts_on else "",
                        "ends_on": a.ends_on.isoformat() if a.ends_on else "",
                    }
                    for a in sorted(goal.activities.all(), key=lambda a: a.pk)
                ],
            }
            for goal in goals
        ],
    }


def check_submittable(jaarplan):
    """Refuses to submit a plan that is no concept or has no goal (the confirmation page says
    so before it is asked)."""
    if jaarplan.status != Jaarplan.Status.CONCEPT:
        raise DomainError(_("Alleen een concept kan ter vaststelling worden aangeboden."))
    if not jaarplan.goals.exists():
        raise DomainError(_("Voeg eerst minstens één doel toe."))


@transaction.atomic
def submit_jaarplan(actor, jaarplan):
    """concept → ter vaststelling, kept as a new version."""
    jaarplan = _locked(actor, jaarplan, "jaarplan.edit")
    check_submittable(jaarplan)
    number = (
        jaarplan.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    JaarplanVersion.objects.create(
        partnership_id=jaarplan.partnership_id,
        jaarplan=jaarplan,
        number=number,
        snapshot=snapshot(jaarplan),
        submitted_at=timezone.now(),
        submitted_by=actor.person,
    )
    jaarplan.status = Jaarplan.Status.TER_VASTSTELLING
    jaarplan.version = number
    jaarplan.save(update_fields=["status", "version"])
    return jaarplan


def waarborgen_without_goal(jaarplan):
    """The waarborgen the plan sets no goal for (value, label), in their order: what the
    confirmation of a submission warns about."""
    covered = set(jaarplan.goals.values_list("waarborg", flat=True))
    return [(w.value, w.label) for w in Waarborg if w.value not in covered]


#: The meetings where the stuurgroep decides: a picker (samen.pickers) that the network
#: registers (network/pickers.py). The network stands above pdca, so pdca names it by string.
STUURGROEP_MEETING_PICKER = "stuurgroep-meeting"


def _stuurgroep_meeting(actor, meeting):
    """The meeting if it is one of the partnership's stuurgroep meetings that `actor` may
    choose (the picker's own query); else a refusal."""
    refusal = DomainError(
        _("Kies de vergadering van de stuurgroep waarin het jaarplan is vastgesteld.")
    )
    if meeting is None or meeting.pk is None:
        raise refusal
    try:
        choices = pickers.get(STUURGROEP_MEETING_PICKER).rows(actor)
    except Http404:  # no network installed: nothing to choose from
        raise refusal from None
    if not isinstance(meeting, choices.model) or not choices.filter(pk=meeting.pk).exists():
        raise refusal
    return meeting


def check_adoptable(jaarplan):
    """Refuses the adoption of a plan that does not lie ter vaststelling (asked before the
    meeting is: the confirmation page says so first)."""
    if jaarplan.status != Jaarplan.Status.TER_VASTSTELLING:
        raise DomainError(
            _("Alleen een jaarplan dat ter vaststelling ligt kan worden vastgesteld.")
        )


@transaction.atomic
def adopt_jaarplan(actor, jaarplan, meeting):
    """ter vaststelling → vastgesteld (the stuurgroep only), decided at `meeting` (one of the
    partnership's stuurgroep meetings). The plan is read-only after."""
    jaarplan = _locked(actor, jaarplan, "jaarplan.adopt")
    check_adoptable(jaarplan)
    meeting = _stuurgroep_meeting(actor, meeting)
    now = timezone.now()
    jaarplan.versions.filter(number=jaarplan.version).update(
        adopted_at=now, adopted_by=actor.person
    )
    jaarplan.status = Jaarplan.Status.VASTGESTELD
    jaarplan.adopted_at = now
    jaarplan.adopted_in = meeting
    jaarplan.save(update_fields=["status", "adopted_at", "adopted_in_type", "adopted_in_id"])
    return jaarplan


@transaction.atomic
def return_jaarplan(actor, jaarplan):
    """ter vaststelling → concept: the stuurgroep sends it back for changes."""
    jaarplan = _locked(actor, jaarplan, "jaarplan.adopt")
    if jaarplan.status != Jaarplan.Status.TER_VASTSTELLING:
        raise DomainError(
            _("Alleen een jaarplan dat ter vaststelling ligt kan worden teruggestuurd.")
        )
    jaarplan.status = Jaarplan.Status.CONCEPT
    jaarplan.save(update_fields=["status"])
    return jaarplan


@transaction.atomic
def reopen_jaarplan(actor, jaarplan):
    """vastgesteld → concept: a new concept version starts from the adopted plan; the adopted
    version stays as it was among the versions."""
    jaarplan = _locked(actor, jaarplan, "jaarplan.edit")
    if jaarplan.status != Jaarplan.Status.VASTGESTELD:
        raise DomainError(_("Alleen van een vastgesteld jaarplan begint u een nieuwe versie."))
    jaarplan.status = Jaarplan.Status.CONCEPT
    jaarplan.save(update_fields=["status"])
    return jaarplan


def snapshot_lines(data):
    """A version as readable lines (for the difference between two versions)."""
    lines = [_("Titel: %(title)s") % {"title": data.get("title", "")}]
    for goal in data.get("goals", []):
        label = Waarborg(goal["waarborg"]).label
        lines.append(
            _("Doel (%(waarborg)s): %(title)s") % {"waarborg": label, "title": goal["title"]}
        )
        if goal.get("description"):
            lines.append("    " + goal["description"].replace("\n", " "))
        for a in goal.get("activities", []):
            details = ", ".join(
                part
                for part in (
                    a.get("owner") and _("eigenaar %(name)s") % {"name": a["owner"]},
                    a.get("starts_on") and _("start %(date)s") % {"date": a["starts_on"]},
                    a.get("ends_on") and _("klaar %(date)s") % {"date": a["ends_on"]},
                )
                if part
            )
            line = _("Activiteit: %(title)s") % {"title": a["title"]}
            lines.append("    " + line + (f" ({details})" if details else ""))
    return lines


def difference(old, new):
    """[(kind, line)] from version `old` to `new`: kind is "added", "removed" or "same"."""
    kinds = {"+ ": "added", "- ": "removed", "  ": "same"}
    return [
        (kinds[line[:2]], line[2:])
        for line in difflib.ndiff(snapshot_lines(old), snapshot_lines(new))
        if line[:2] in kinds
    ]


# --- Check: dialogue sessions and findings ----------------------------------------------------


def _check_items(items, schooljaar):
    if any(item.kader.schooljaar != schooljaar for item in items):
        raise DomainError(
            _("Kies items uit het gesprekskader van %(jaar)s.") % {"jaar": Schooljaar(schooljaar)}
        )


@transaction.atomic
def save_session(
    actor, session=None, *, held_on, title, context, participants=(), guests="", items=()
):
    """Records a dialogue session, or changes one: when, what, who took part, which items."""
    if session is None:
        if not actor.can("dialogue.edit"):
            raise OutOfReach()
        session = DialogueSession(partnership=actor.partnership)
    else:
        actor.require("dialogue.edit", session)
    schooljaar = Schooljaar.of(held_on).start_year
    items = list(items)
    _check_items(items, schooljaar)
    if session.pk and session.schooljaar != schooljaar and session.findings.exists():
        raise DomainError(
            _("Deze sessie heeft al opbrengsten: verplaats haar niet naar een ander schooljaar.")
        )
    session.held_on = held_on
    session.schooljaar = schooljaar
    session.title = title
    session.context = context
    session.guests = guests
    session.save()
    session.participants.set(participants)
    session.items.set(items)
    actor.require("dialogue.edit", session)
    return session


def record_finding(*, source, schooljaar, waarborg, text, item=None, created_by=None):
    """The hook: any Check instrument registers an outcome of `source` here. The caller has
    checked its own reach on `source`."""
    if not text.strip():
        raise DomainError(_("Beschrijf de opbrengst."))
    return Finding.objects.create(
        partnership_id=source.partnership_id,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        schooljaar=schooljaar,
        waarborg=waarborg,
        item=item,
        text=text,
        created_by=created_by,
    )


@transaction.atomic
def add_finding(actor, session, *, item, text):
    """An opbrengst of a dialogue session on one of its items."""
    actor.require("dialogue.edit", session)
    if not session.items.filter(pk=item.pk).exists():
        raise DomainError(_("Kies een item dat in deze sessie is besproken."))
    return record_finding(
        source=session,
        schooljaar=session.schooljaar,
        waarborg=item.waarborg,
        item=item,
        text=text,
        created_by=actor.person,
    )


@transaction.atomic
def add_next_step(actor, session, *, kind, text, person=None, item=None, waarborg=None):
    """A personal next step ("Ik ga …", "Ik wil …") of a participant, or an anonymous one."""
    actor.require("dialogue.edit", session)
    if kind not in NextStep.Kind.values:
        raise DomainError(_("Kies ‘Ik ga …’ of ‘Ik wil …’."))
    if person is not None and not session.participants.filter(pk=person.pk).exists():
        raise DomainError(_("Kies iemand die aan deze sessie heeft deelgenomen, of niemand."))
    if item is not None:
        if not session.items.filter(pk=item.pk).exists():
            raise DomainError(_("Kies een item dat in deze sessie is besproken."))
        waarborg = item.waarborg
    if waarborg not in Waarborg.values:
        raise DomainError(_("Kies een item of een waarborg."))
    return NextStep.objects.create(
        partnership_id=session.partnership_id,
        session=session,
        kind=kind,
        person=person,
        item=item,
        waarborg=waarborg,
        text=text,
    )


@transaction.atomic
def set_next_step_done(actor, step, *, done):
    """Was the step taken? Ticked at the year's last network meeting."""
    actor.require("dialogue.edit", step.session)
    step.done = bool(done)
    step.save(update_fields=["done"])
    return step


# --- Act: follow-up actions -------------------------------------------------------------------


def _require_source(actor, finding):
    """May the actor act on this finding? For a dialogue session: may they edit it. Findings
    of later instruments: the quality writers (the projectgroep, the projectcoördinator)."""
    source = finding.source
    if isinstance(source, DialogueSession):
        actor.require("dialogue.edit", source)
    elif not actor.can("dialogue.edit"):
        raise OutOfReach()


@transaction.atomic
def create_action(actor, finding, *, title, owner=None, due_on=None):
    """A vervolgactie that came from `finding`: its waarborg and schooljaar follow it."""
    _require_source(actor, finding)
    action = FollowUpAction.objects.create(
        partnership_id=finding.partnership_id,
        schooljaar=finding.schooljaar,
        waarborg=finding.waarborg,
        title=title,
        owner=owner,
        due_on=due_on,
        finding=finding,
    )
    return action


@transaction.atomic
def set_action_status(actor, action, *, status, notes):
    """Open or done (its owner, the projectgroep), with notes."""
    # As stored (a model form may have set the new values on the instance already).
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    actor.require("followup.edit", action)
    if status not in FollowUpAction.Status.values:
        raise DomainError(_("Kies een geldige status."))
    if status == FollowUpAction.Status.GEDAAN and action.status != status:
        action.done_on = timezone.localdate()
    elif status == FollowUpAction.Status.OPEN:
        action.done_on = None
    action.status = status
    action.notes = notes
    action.save(update_fields=["status", "notes", "done_on"])
    return action
