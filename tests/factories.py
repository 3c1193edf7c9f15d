"""factory_boy factories. Create tenant rows inside `scopes_disabled()` (the fixtures do)."""

import datetime as dt

import factory
from allauth.account.models import EmailAddress

from formtemplates.models import FormTemplate
from matching.models import Capacity, PlacementRequest
from network.models import Body, Meeting
from partnerships.models import Organisation, Partner, Partnership, School, Sector
from placementforms.models import PlacementForm
from placements.models import FormKind, Leergroep, LeergroepMeeting, Placement, PlacementPeriod
from quality.models import Dossier
from questionnaires import services as engine
from questionnaires.models import Question, Section
from roles.models import Person, RoleAssignment, User
from samen.schooljaar import Schooljaar

PASSWORD = "correct-horse-battery"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnerschap {n}")
    slug = factory.Sequence(lambda n: f"partnerschap-{n}")
    sector = Sector.PO


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting {n}")
    kind = Organisation.Kind.BOARD


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = dt.date(2020, 8, 1)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    partnership = factory.SubFactory(PartnershipFactory)
    board = factory.SubFactory(PartnerFactory, partnership=factory.SelfAttribute("..partnership"))
    name = factory.Sequence(lambda n: f"Basisschool De Wegwijzer {n}")
    place = "Lelystad"
    sector = Sector.PO
    training_status = "actief"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    first_name = "Sanne"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    partnership = factory.SubFactory(PartnershipFactory)
    person = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    schooljaar_from = factory.LazyFunction(lambda: Schooljaar.current().start_year)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    school = factory.SubFactory(SchoolFactory, partnership=factory.SelfAttribute("..partnership"))
    student = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    mentor = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    instituutsopleider = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..partnership")
    )
    starts_on = dt.date(2026, 9, 7)
    ends_on = dt.date(2027, 1, 29)


class PlacementPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementPeriod

    partnership = factory.SubFactory(PartnershipFactory)
    institute = factory.SubFactory(
        PartnerFactory,
        partnership=factory.SelfAttribute("..partnership"),
        organisation__kind="institute",
    )
    schooljaar = factory.LazyFunction(lambda: Schooljaar.current().start_year)
    name = factory.Sequence(lambda n: f"Stageperiode {n}")
    programme = "pabo_voltijd"
    study_year = 2
    phase = "hoofdfase"
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.schooljaar, 9, 7))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.schooljaar + 1, 1, 29))
    days_per_week = 2


class LeergroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leergroep

    partnership = factory.SubFactory(PartnershipFactory)
    school = factory.SubFactory(SchoolFactory, partnership=factory.SelfAttribute("..partnership"))
    leader = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    schooljaar = factory.LazyFunction(lambda: Schooljaar.current().start_year)
    name = factory.Sequence(lambda n: f"Leergroep {n}")


class LeergroepMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeergroepMeeting

    partnership = factory.SubFactory(PartnershipFactory)
    leergroep = factory.SubFactory(
        LeergroepFactory, partnership=factory.SelfAttribute("..partnership")
    )
    starts_at = factory.LazyFunction(lambda: dt.datetime(2027, 1, 12, 15, 0, tzinfo=dt.UTC))
    topic = "Intervisie"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    partnership = factory.SubFactory(PartnershipFactory)
    kind = Body.Kind.STUURGROEP
    name = "Stuurgroep"


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting of the overlegstructuur: by default the stuurgroep's, a week before the
    world's day (tests/clock.py)."""

    class Meta:
        model = Meeting

    partnership = factory.SubFactory(PartnershipFactory)
    body = factory.SubFactory(BodyFactory, partnership=factory.SelfAttribute("..partnership"))
    starts_at = factory.LazyFunction(lambda: dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC))
    location = "Bestuursbureau"


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Kritische reflectie"
    schooljaar = factory.LazyFunction(lambda: Schooljaar.current().start_year)
    foreword = "Wij presenteren met trots deze kritische reflectie."


# --- The forms of the gouden driehoek (questionnaire engine) -------------------------------

SIGNERS = ["student", "mentor", "instituutsopleider"]


def form_questionnaire(partnership, name="Startgesprek", *, signers=SIGNERS, publish=True):
    """A small placement form made with the engine's services: the student's learning goals
    (required, for everyone), what they need from the school, a competence level, the mentor's
    beoordelend advies and the instituutsopleider's judgement (both required, their own)."""
    from questionnaires import services
    from questionnaires.models import Question, QuestionKind, Section

    questionnaire = services.create_questionnaire(partnership, name, signers=signers)
    version = questionnaire.versions.get()
    section = Section.objects.create(
        partnership=partnership, version=version, position=1, title="Leerdoelen"
    )
    judgement = Section.objects.create(
        partnership=partnership, version=version, position=2, title="Beoordeling"
    )
    questions = [
        (section, "leerdoelen", QuestionKind.TEXT, "Mijn leerdoelen", {"required": True}),
        (section, "nodig", QuestionKind.TEXT, "Wat ik van de school nodig heb", {}),
        (
            section,
            "klimaat",
            QuestionKind.COMPETENCE,
            "Zorgt voor een veilig klimaat",
            {"options": ["Onvoldoende", "Voldoende", "Goed"], "competence": "Pedagogisch bekwaam"},
        ),
        (
            judgement,
            "advies",
            QuestionKind.SINGLE,
            "Beoordelend advies van de mentor",
            {"options": ["Voldoende", "Onvoldoende"], "answered_by": ["mentor"], "required": True},
        ),
        (
            judgement,
            "oordeel",
            QuestionKind.SINGLE,
            "Eindoordeel van de instituutsopleider",
            {
                "options": ["Behaald", "Niet behaald"],
                "answered_by": ["instituutsopleider"],
                "required": True,
            },
        ),
    ]
    for position, (sec, key, kind, text, extra) in enumerate(questions):
        Question.objects.create(
            partnership=partnership,
            version=version,
            section=sec,
            position=position,
            key=key,
            kind=kind,
            text=text,
            **extra,
        )
    if publish:
        services.publish(version)
    return questionnaire


def form_template(partnership, institute, kind, *, programme="", phase="", name=None):
    """A published FormTemplate of `institute` for `kind` (see form_questionnaire)."""
    questionnaire = form_questionnaire(partnership, name or str(FormKind(kind).label))
    return FormTemplate.objects.create(
        partnership=partnership,
        institute=institute,
        kind=kind,
        programme=programme,
        phase=phase,
        questionnaire=questionnaire,
    )


def open_placement_form(placement, kind=FormKind.START, template=None):
    """The placement's form of `kind` on the template's published version, without the
    services' permission checks (for fixtures)."""
    from placementforms.services import due_date, template_for
    from questionnaires import services

    template = template or template_for(placement, kind)
    response = services.start_response(template.questionnaire.published)
    return PlacementForm.objects.create(
        partnership=placement.partnership,
        placement=placement,
        kind=kind,
        response=response,
        due_on=due_date(placement, kind),
    )


def draft_form_template(partnership, institute, marker="", kind="start", programme="", phase=""):
    """A form template whose draft (version 1) has one section with one open question."""
    questionnaire = engine.create_questionnaire(
        partnership, f"Startgesprek {marker}".strip(), signers=["student", "mentor"]
    )
    version = questionnaire.versions.get()
    section = Section.objects.create(
        partnership=partnership, version=version, position=0, title=f"Leerdoelen {marker}"
    )
    Question.objects.create(
        partnership=partnership,
        version=version,
        section=section,
        position=0,
        key="leerdoelen",
        kind="text",
        text=f"Mijn leerdoelen {marker}".strip(),
    )
    return FormTemplate.objects.create(
        partnership=partnership,
        institute=institute,
        kind=kind,
        programme=programme,
        phase=phase,
        questionnaire=questionnaire,
    )


class CapacityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capacity

    partnership = factory.SubFactory(PartnershipFactory)
    school = factory.SubFactory(SchoolFactory, partnership=factory.SelfAttribute("..partnership"))
    period = factory.SubFactory(
        PlacementPeriodFactory, partnership=factory.SelfAttribute("..partnership")
    )


class PlacementRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementRequest

    partnership = factory.SubFactory(PartnershipFactory)
    student = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    period = factory.SubFactory(
        PlacementPeriodFactory, partnership=factory.SelfAttribute("..partnership")
    )
