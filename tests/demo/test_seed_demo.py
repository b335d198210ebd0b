"""``manage.py seed_demo``: what the demo holds, that it hangs together, and that it runs twice."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.utils import timezone, translation

from accounts.models import User
from concerns.models import (
    Category,
    Channel,
    Concern,
    ConcernEvent,
    ReferenceCounter,
    SafeContact,
)
from councils.models import Attendance, Council, Meeting, Membership, Municipality
from demo.people import DEMO_PASSWORD, LOGINS
from notifications.models import OutgoingEmail
from policing.models import FollowUpAction, Officer, PoliceUnit, ProgressUpdate

pytestmark = pytest.mark.django_db

FAST_HASHER = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """Seed once for the module, inside a transaction rolled back when the module is done.

    Each test runs in its own savepoint within it, so a test that seeds again leaves nothing
    behind for the next one.
    """
    output = StringIO()
    with django_db_blocker.unblock(), FAST_HASHER, transaction.atomic():
        call_command("seed_demo", concerns=60, force=True, stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def istog_council() -> Council:
    return Council.objects.get(municipality__code="IST", level=Council.Level.MUNICIPAL)


def test_the_three_municipalities_have_their_settlements_and_councils(first_run):
    codes = {m.code: m for m in Municipality.objects.all()}
    assert set(codes) == {"IST", "PEJ", "PRI"}
    assert codes["IST"].name_translations == {"sq": "Istog", "sr-latn": "Istok"}
    assert codes["PEJ"].name_translations == {"sq": "Pejë", "sr-latn": "Peć"}
    for municipality in codes.values():
        assert 5 <= municipality.settlements.count() <= 8

    national = Council.objects.get(level=Council.Level.NATIONAL)
    assert national.municipality is None
    municipal = Council.objects.filter(level=Council.Level.MUNICIPAL)
    assert municipal.count() == 3
    assert all(council.parent == national for council in municipal)
    local = Council.objects.filter(level=Council.Level.LOCAL)
    assert set(local.values_list("name", flat=True)) == {
        "LPSC Osojan",
        "LPSC Banjë",
        "LPSC Vitomiricë",
        "LPSC Dardania",
    }
    for council in local:
        assert council.parent.municipality == council.municipality
        assert council.settlements.count() == 1


def test_istog_council_has_25_current_members_and_2_who_left(first_run):
    designations = Membership.objects.filter(council=istog_council())
    safeguarding = designations.filter(role=Membership.Role.SAFEGUARDING_OFFICER)
    assert list(safeguarding.values_list("person__user__username", flat=True)) == [
        "safeguarding.istok"
    ]
    memberships = designations.exclude(role=Membership.Role.SAFEGUARDING_OFFICER)
    assert memberships.count() == 27
    assert memberships.current().count() == 25
    past = memberships.filter(end_date__lt=timezone.localdate())
    assert past.count() == 2
    roles = list(memberships.current().values_list("role", flat=True))
    assert roles.count(Membership.Role.CO_CHAIR) == 2
    assert roles.count(Membership.Role.SECRETARY) == 1
    represented = " ".join(memberships.values_list("represents", flat=True))
    for group in ("Serb", "Roma", "Ashkali", "Egyptian", "Bosniak", "Orthodox", "Catholic"):
        assert group in represented
    genders = set(memberships.values_list("person__gender", flat=True))
    assert genders == {"female", "male", ""}
    for other in Council.objects.exclude(pk=istog_council().pk):
        assert 6 <= other.memberships.count() <= 12


def test_sensitive_concerns_are_in_the_demo_and_on_no_agenda(first_run):
    sensitive = Concern.objects.filter(category__is_sensitive=True)
    assert sensitive.filter(municipality__code="IST").exists()
    assert set(sensitive.values_list("category__code", flat=True)) <= {
        "domestic-violence",
        "human-trafficking",
    }
    assert not sensitive.filter(agenda_items__isnull=False).exists()
    assert not sensitive.filter(status=Concern.Status.ON_AGENDA).exists()


def test_sensitive_concerns_of_named_reporters_say_how_to_reach_them_safely(first_run):
    sensitive = Concern.objects.filter(category__is_sensitive=True)
    named = sensitive.filter(is_anonymous=False)
    assert named.exists()
    assert SafeContact.objects.filter(concern__in=named).count() == named.count()
    assert not SafeContact.objects.exclude(concern__in=named).exists()
    for safe in SafeContact.objects.select_related("concern"):
        assert safe.times
        if not safe.by_email:  # no email the reporter said was unsafe
            assert safe.concern.reporter_email == ""


def test_every_category_is_named_in_serbian_cyrillic_bosnian_and_turkish(first_run):
    for category in Category.objects.all():
        names = category.name_translations
        assert {"sq", "sr-latn", "sr", "bs", "tr"} <= set(names), category.code
        assert all("\u0400" <= letter <= "\u04ff" for letter in names["sr"] if letter.isalpha())
        assert {"sr", "bs", "tr"} <= set(category.description_translations)
    with translation.override("sr"):
        assert Category.objects.get(code="drugs").display_name == "Дрога"
    with translation.override("tr"):
        assert Category.objects.get(code="drugs").display_name == "Uyuşturucu"


def test_public_summaries_of_actions_are_in_the_municipalitys_official_languages(first_run):
    public = ProgressUpdate.objects.filter(is_public=True).select_related(
        "action__council__municipality"
    )
    assert public.exists()
    for update in public:
        official = update.action.council.municipality.official_languages
        assert set(update.public_summary) == set(official), update.public_summary
        assert "en" not in update.public_summary


def test_every_council_that_receives_concerns_has_a_secretary_with_an_account(first_run):
    for council in Council.objects.filter(concerns__isnull=False).distinct():
        assert (
            council.memberships.current()
            .filter(role=Membership.Role.SECRETARY, person__user__isnull=False)
            .exists()
        ), council


def test_police_units_have_commanders_and_officers(first_run):
    for unit in PoliceUnit.objects.all():
        assert unit.commander is not None
        assert unit.officers.exists()
    assert PoliceUnit.objects.get(name="Community Policing Unit").parent.name == (
        "Istog Police Station"
    )
    assert Officer.objects.get(user__username="officer.istok").unit.name == "Istog Police Station"


def test_categories_are_translated_into_every_language(first_run):
    Category = apps.get_model("concerns", "Category")
    assert Category.objects.count() == 13
    for category in Category.objects.all():
        for language in ("sq", "sr-latn", "ar", "ckb"):
            assert category.name_translations[language]
            assert category.description_translations[language]


def test_concerns_reach_every_status_and_come_through_every_channel(first_run):
    assert Concern.objects.count() == 60
    statuses = set(Concern.objects.values_list("status", flat=True))
    # A reopened concern goes straight back to triaged: "reopened" shows in its events.
    assert statuses == set(Concern.Status) - {Concern.Status.REOPENED}
    assert ConcernEvent.objects.filter(to_status=Concern.Status.REOPENED).exists()
    assert set(Concern.objects.values_list("channel", flat=True)) == set(Channel)
    assert {"sq", "en"} <= set(Concern.objects.values_list("language", flat=True))
    assert Concern.objects.filter(is_anonymous=True).exists()
    assert Concern.objects.filter(is_anonymous=False).exclude(reporter_email="").exists()
    assert not Concern.objects.filter(is_anonymous=True).exclude(reporter_name="").exists()


def test_no_email_is_left_for_the_invented_reporters(first_run):
    assert not OutgoingEmail.objects.exists()


def test_references_follow_code_year_sequence_in_order_of_receipt(first_run):
    pattern = re.compile(r"^(IST|PEJ|PRI)-(\d{4})-(\d{5})$")
    sequences: dict[tuple[str, int], list[int]] = {}
    for concern in Concern.objects.order_by("created_at", "id"):
        match = pattern.match(concern.reference)
        assert match, concern.reference
        code, year, number = match[1], int(match[2]), int(match[3])
        assert code == concern.municipality.code
        assert year == timezone.localtime(concern.created_at).year
        sequences.setdefault((code, year), []).append(number)
    for (code, year), numbers in sequences.items():
        assert numbers == list(range(1, len(numbers) + 1))
        counter = ReferenceCounter.objects.get(municipality__code=code, year=year)
        assert counter.last_value == len(numbers)


def test_events_are_dated_after_receipt_in_their_order(first_run):
    now = timezone.now()
    received_over_days = set()
    for concern in Concern.objects.prefetch_related("events"):
        events = sorted(concern.events.all(), key=lambda e: e.pk)
        assert events[0].kind == ConcernEvent.Kind.SUBMITTED
        assert events[0].created_at == concern.created_at
        times = [event.created_at for event in events]
        assert times == sorted(times)
        assert times[-1] <= now
        triaged = [e.created_at for e in events if e.to_status == Concern.Status.TRIAGED]
        assert concern.triaged_at == (triaged[0] if triaged else None)
        if concern.status in {Concern.Status.RESOLVED, Concern.Status.CLOSED}:
            assert concern.resolved_at is not None
        received_over_days.add((now - concern.created_at).days)
    assert max(received_over_days) > 365
    assert min(received_over_days) < 30


def test_actions_include_overdue_ones_and_never_block_a_resolved_concern(first_run):
    today = timezone.localdate()
    active = FollowUpAction.objects.filter(status__in=FollowUpAction.ACTIVE_STATUSES)
    assert active.filter(due_date__lt=today).exists()
    assert active.filter(due_date__gte=today).exists()
    assert not active.filter(
        concern__status__in=[Concern.Status.RESOLVED, Concern.Status.CLOSED]
    ).exists()
    assert {"open", "assigned", "in_progress", "completed", "verified"} <= set(
        FollowUpAction.objects.values_list("status", flat=True)
    )
    assert FollowUpAction.objects.filter(decision__isnull=False).exists()
    for action in FollowUpAction.objects.prefetch_related("updates"):
        assert action.created_at <= timezone.now()
        for update in action.updates.all():
            assert action.created_at <= update.created_at <= timezone.now()
        if action.completed_at:
            assert action.created_at <= action.completed_at
        if action.concern_id and action.concern.status == Concern.Status.IN_ACTION:
            assert action.concern.created_at < action.created_at


def test_istog_meetings_cover_every_status_and_published_ones_have_attendance(first_run):
    meetings = Meeting.objects.filter(council=istog_council())
    assert meetings.count() == 18
    assert set(meetings.values_list("status", flat=True)) == set(Meeting.Status)
    assert meetings.filter(status=Meeting.Status.PLANNED, planned_at__gt=timezone.now()).exists()
    for meeting in Meeting.objects.filter(status=Meeting.Status.PUBLISHED):
        assert meeting.held_at and meeting.minutes_approved_at and meeting.minutes_approved_by
        assert meeting.published_at <= timezone.now()
        assert meeting.attendance.filter(status=Attendance.Status.PRESENT).exists()
        assert meeting.agenda_items.exists()
    left = Membership.objects.filter(council=istog_council(), end_date__isnull=False)
    assert Attendance.objects.filter(membership__in=left).exists()
    for meeting in meetings.exclude(status=Meeting.Status.CANCELLED).prefetch_related(
        "agenda_items__concern"
    ):
        for item in meeting.agenda_items.all():
            assert item.concern is None or item.concern.council_id == meeting.council_id


def test_demo_users_sign_in_with_the_demo_password(first_run):
    for login in LOGINS:
        # Login throttling needs the request (its address) of every sign-in.
        request = RequestFactory().post("/accounts/login/")
        user = authenticate(request, username=login.username, password=DEMO_PASSWORD)
        assert user is not None, login.username
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="national").is_national_coordinator
    member = User.objects.get(username="member.istok")
    assert member.person.memberships.filter(council=istog_council()).exists()


def test_output_lists_every_login_with_the_password(first_run):
    assert "Demo loaded: 60 concerns" in first_run
    for login in LOGINS:
        assert re.search(rf"\b{re.escape(login.username)}\s+{DEMO_PASSWORD}", first_run)


def test_a_second_run_changes_nothing(first_run):
    ours = {"accounts", "councils", "concerns", "policing", "notifications"}
    models = [model for model in apps.get_models() if model._meta.app_label in ours]
    counts = {model: model.objects.count() for model in models}
    users = list(User.objects.order_by("pk").values_list("username", "password"))
    concerns = list(Concern.objects.order_by("pk").values_list("reference", "status", "updated_at"))

    output = StringIO()
    call_command("seed_demo", concerns=60, force=True, stdout=output)

    assert {model: model.objects.count() for model in models} == counts
    assert list(User.objects.order_by("pk").values_list("username", "password")) == users
    assert (
        list(Concern.objects.order_by("pk").values_list("reference", "status", "updated_at"))
        == concerns
    )
    assert "Demo already loaded" in output.getvalue()
    assert "secretary.istok" in output.getvalue()


def test_seed_demo_refuses_without_debug_or_force(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo", concerns=1, stdout=StringIO())


def test_demo_minutes_have_revisions_public_texts_quorum_and_deferrals(first_run):
    from councils.models import AgendaItem, MinutesRevision

    published = Meeting.objects.filter(council=istog_council(), status=Meeting.Status.PUBLISHED)
    assert published.exists()
    for meeting in published:
        assert {"sq", "sr-latn"} <= set(meeting.public_summary)
        assert meeting.quorum_required and meeting.members_current
        assert meeting.revisions.filter(number=1).exists()
    assert MinutesRevision.objects.filter(number=2).exclude(reason="").exists()
    assert AgendaItem.objects.filter(deferrals__gte=1, carried_from__isnull=False).exists()
    assert (
        AgendaItem.objects.filter(kind=AgendaItem.Kind.POLICE_REPORT).exclude(figures={}).exists()
    )
    upcoming = Meeting.objects.get(
        council=istog_council(), status=Meeting.Status.PLANNED, planned_at__gt=timezone.now()
    )
    assert upcoming.agenda_published_at is None
    assert upcoming.agenda_items.filter(kind=AgendaItem.Kind.MINUTES_APPROVAL).exists()


def test_the_demo_has_texts_for_reporters_in_every_official_language(first_run):
    resolved = Concern.objects.filter(municipality__code="PEJ").exclude(public_response={})
    assert resolved.exists()
    for concern in resolved:
        assert set(concern.public_response) == {"sq", "sr-latn", "bs"}
    updates = ConcernEvent.objects.filter(kind=ConcernEvent.Kind.PUBLIC_UPDATE)
    assert updates.exists()
    for update in updates.select_related("concern__municipality"):
        official = update.concern.municipality.official_languages
        assert update.is_public and set(update.public_text) == set(official)


def test_seed_demo_prints_tracking_codes_that_open_their_pages(first_run, client):
    printed = re.findall(
        r"^  ([A-Z]{3}-\d{4}-\d{5})  ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})  ", first_run, re.M
    )
    assert len(printed) == 3
    for reference, code in printed:
        response = client.post("/track/", {"reference": reference, "token": code})
        assert response.status_code == 200, reference


def test_istogs_city_app_sent_the_demos_open311_concerns(first_run, client):
    from demo.open311 import CITY_APP, DEMO_API_KEY
    from open311.models import Client, ServiceAttribute, Submission, hash_api_key

    app = Client.objects.get(name=CITY_APP)
    assert app.key_hash == hash_api_key(DEMO_API_KEY)
    submissions = Submission.objects.filter(client=app)
    assert submissions.exists()
    assert not Submission.objects.filter(concern__category__is_sensitive=True).exists()
    assert set(
        Concern.objects.filter(open311_submission__isnull=False).values_list("channel", flat=True)
    ) == {Channel.OPEN311}
    assert ServiceAttribute.objects.filter(category__code="stray-animals", required=True).exists()
    response = client.get("/open311/v2/requests.json", {"jurisdiction_id": "IST"})
    assert response.status_code == 200
    definition = client.get("/open311/v2/services/traffic-safety.json", {"jurisdiction_id": "IST"})
    assert [a["code"] for a in definition.json()["attributes"]] == ["settlement", "danger"]


def test_istog_has_an_adopted_plan_with_progress_and_two_public_priorities(first_run, client):
    from plans import selectors as plan_selectors
    from plans.models import Priority, SafetyPlan

    council = istog_council()
    plan = SafetyPlan.objects.get(council=council)
    assert plan.status == SafetyPlan.Status.APPROVED and plan.revisions.count() == 1
    progress = plan_selectors.plan_progress(council, plan.starts_on.year)
    states = {a.progress.state for a in progress.activities}
    assert progress.percent and {"done", "late"} <= states
    assert any(a.actions_total for a in progress.activities)
    current, past = plan_selectors.public_priorities_of(council)
    assert len(current) == 2 and all(p.updates.exists() for p in current)
    assert len(past) == 1 and past[0].status == Priority.Status.CLOSED
    page = client.get(f"/councils/{council.pk}/", HTTP_ACCEPT_LANGUAGE="sq").content.decode()
    assert "Shitja e drogës pranë parkut të qytetit" in page
    assert client.get(f"/councils/plans/{plan.pk}/").status_code == 200
    upcoming = Meeting.objects.get(council=council, status=Meeting.Status.PLANNED)
    assert upcoming.agenda_items.filter(kind="priority").count() == 2


def test_the_monthly_figures_match_the_demo_history(first_run):
    """The dashboards and the reports the demo signs read the monthly figures: built from the
    finished (back-dated) history, nothing left to repair."""
    from monitoring.models import ActionMonth, ConcernMonth
    from monitoring.monthly.build import drift

    assert ConcernMonth.objects.exists() and ActionMonth.objects.exists()
    assert drift() == {}
