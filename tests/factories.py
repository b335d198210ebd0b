"""factory_boy factories for every model tests need; scoped people via the helpers below."""

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import User
from concerns.models import Category, Channel, Concern, ConcernEvent, hash_tracking_token
from concerns.references import next_reference, tracking_token_for
from councils.models import (
    AgendaItem,
    Attendance,
    Council,
    Decision,
    Meeting,
    Membership,
    Municipality,
    Person,
    Settlement,
)
from policing.models import FocalPoint, FollowUpAction, Officer, PartnerBody, PoliceUnit

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Iterator(["IST", "PEJ", "PRI", "GJA", "MIT"])
    name = factory.LazyAttribute(
        lambda m: {"IST": "Istog", "PEJ": "Pejë"}.get(m.code, m.code.title())
    )


class SettlementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Settlement

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Village {n}")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    level = Council.Level.MUNICIPAL
    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.LazyAttribute(lambda c: f"MCSC {c.municipality.name}")


class LocalCouncilFactory(CouncilFactory):
    level = Council.Level.LOCAL
    parent = factory.SubFactory(
        CouncilFactory, municipality=factory.SelfAttribute("..municipality")
    )
    name = factory.Sequence(lambda n: f"Local committee {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    council = factory.SubFactory(CouncilFactory)
    role = Membership.Role.MEMBER
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.LazyAttribute(lambda c: c.code.replace("-", " ").title())
    description = "An explanation in one line."


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    municipality = factory.LazyAttribute(lambda c: c.council.municipality)
    category = factory.SubFactory(CategoryFactory)
    description = factory.Faker("paragraph")
    channel = Channel.WEB
    language = "en"
    submission_key = factory.LazyFunction(uuid.uuid4)
    reference = factory.LazyAttribute(lambda c: next_reference(c.municipality))
    tracking_token_hash = factory.LazyAttribute(
        lambda c: hash_tracking_token(tracking_token_for(c.submission_key))
    )
    reporter_name = "Arben Krasniqi"
    reporter_phone = "+383 44 123 456"
    reporter_email = "arben@example.org"
    consent_to_contact = True

    @factory.post_generation
    def submitted_event(obj, create, extracted, **kwargs):
        if create:
            ConcernEvent.objects.create(
                concern=obj, kind=ConcernEvent.Kind.SUBMITTED, to_status=obj.status, is_public=True
            )


class PoliceUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceUnit

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Police station {n}")


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(PoliceUnitFactory)
    rank = "Sergeant"


class PartnerBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerBody

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Municipal department {n}")


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    body = factory.SubFactory(PartnerBodyFactory)
    user = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    planned_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    place = "Municipal assembly hall"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Faker("sentence")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(MembershipFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory)
    text = factory.Faker("sentence")


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    council = factory.SubFactory(CouncilFactory)
    title = factory.Faker("sentence")
    responsible_unit = factory.SubFactory(
        PoliceUnitFactory, municipality=factory.SelfAttribute("..council.municipality")
    )
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    status = FollowUpAction.Status.OPEN
    completed_at = factory.LazyAttribute(
        lambda a: timezone.now() if a.status in ("completed", "verified") else None
    )
    verified_at = factory.LazyAttribute(
        lambda a: timezone.now() if a.status == "verified" else None
    )


# --- People with a role in a scope


def council_person(council: Council, role: str, username: str | None = None) -> User:
    """A user who holds ``role`` in ``council`` from a year ago, open-ended."""
    user = UserFactory(username=username) if username else UserFactory()
    person = PersonFactory(user=user, full_name=user.get_full_name() or user.username)
    MembershipFactory(person=person, council=council, role=role)
    return user


def secretary_of(council: Council, username: str | None = None) -> User:
    return council_person(council, Membership.Role.SECRETARY, username)


def member_of(council: Council, username: str | None = None) -> User:
    return council_person(council, Membership.Role.MEMBER, username)


def co_chair_of(council: Council, username: str | None = None) -> User:
    return council_person(council, Membership.Role.CO_CHAIR, username)


def safeguarding_officer_of(council: Council, username: str | None = None) -> User:
    return council_person(council, Membership.Role.SAFEGUARDING_OFFICER, username)


def commander_of(unit: PoliceUnit, username: str | None = None) -> User:
    user = UserFactory(username=username) if username else UserFactory()
    unit.commander = user
    unit.save(update_fields=["commander"])
    return user


def officer_in(unit: PoliceUnit, username: str | None = None) -> Officer:
    user = UserFactory(username=username) if username else UserFactory()
    return OfficerFactory(user=user, unit=unit)


def focal_point_in(body: PartnerBody, username: str | None = None) -> User:
    user = UserFactory(username=username) if username else UserFactory()
    FocalPointFactory(body=body, user=user)
    return user


def national_coordinator(username: str | None = None) -> User:
    user = UserFactory(username=username) if username else UserFactory()
    user.is_national_coordinator = True
    user.save(update_fields=["is_national_coordinator"])
    return user
