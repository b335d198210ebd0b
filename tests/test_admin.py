import datetime
import importlib.util
import uuid

import pytest
from django.contrib import admin
from django.db import connection
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils import timezone

from accounts.models import User
from concerns.models import (
    Attachment,
    Category,
    Concern,
    ConcernEvent,
    IdentityDisclosure,
    ReferenceCounter,
)
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
from notifications.models import Heartbeat, Notification, OutgoingEmail
from policing.models import (
    DueDateChange,
    FollowUpAction,
    Officer,
    PartnerBody,
    PoliceUnit,
    ProgressUpdate,
)
from reminders.models import Reminder

# Only the admin is served here; the site's 403 page links to pages this URLconf lacks.
urlpatterns = [path("admin/", admin.site.urls)]


def handler403(request, exception=None):
    return HttpResponseForbidden()


pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_admin")]

REPORTER_EMAIL = "reporter-secret@example.org"
TOKEN_HASH = "x" * 64


@pytest.fixture(autouse=True)
def _admin_settings(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # whitenoise warns about a missing collectstatic folder
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if importlib.util.find_spec("workspace.context_processors") is None:
        templates = [dict(engine, OPTIONS=dict(engine["OPTIONS"])) for engine in settings.TEMPLATES]
        for engine in templates:
            engine["OPTIONS"]["context_processors"] = [
                name
                for name in engine["OPTIONS"].get("context_processors", [])
                if name != "workspace.context_processors.navigation"
            ]
        settings.TEMPLATES = templates


@pytest.fixture
def superuser():
    return User.objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def make_concern(municipality, council, category, number, **fields):
    return Concern.objects.create(
        reference=f"{municipality.code}-2026-{number:05d}",
        tracking_token_hash=TOKEN_HASH,
        municipality=municipality,
        council=council,
        category=category,
        description="Cars race past the school every evening.",
        channel="web",
        language="en",
        **fields,
    )


def make_world(code: str) -> dict:
    """One row of every model, around one municipality."""
    now = timezone.now()
    today = timezone.localdate()
    user = User.objects.create_user(f"officer-{code}", f"officer-{code}@example.org")
    municipality = Municipality.objects.create(code=code, name=f"Town {code}")
    settlement = Settlement.objects.create(municipality=municipality, name="Centre")
    council = Council.objects.create(level="municipal", municipality=municipality, name="MCSC")
    person = Person.objects.create(full_name=f"Secretary {code}", user=user)
    membership = Membership.objects.create(person=person, council=council, role="secretary")
    category = Category.objects.create(code=f"drugs-{code.lower()}", name="Drugs")
    concern = make_concern(
        municipality, council, category, 1, settlement=settlement, reporter_email=REPORTER_EMAIL
    )
    ConcernEvent.objects.create(concern=concern, kind="submitted", to_status="new", actor=user)
    Attachment.objects.create(
        concern=concern, file="attachments/a", content_type="application/pdf", size=1, sha256="0"
    )
    IdentityDisclosure.objects.create(concern=concern, user=user, ip_address="127.0.0.1")
    ReferenceCounter.objects.create(municipality=municipality, year=2026, last_value=1)
    meeting = Meeting.objects.create(council=council, planned_at=now)
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Speeding", concern=concern)
    Attendance.objects.create(meeting=meeting, membership=membership)
    decision = Decision.objects.create(agenda_item=item, text="Patrol the school road.")
    unit = PoliceUnit.objects.create(municipality=municipality, name="Station", commander=user)
    officer = Officer.objects.create(user=user, unit=unit)
    action = FollowUpAction.objects.create(
        council=council,
        concern=concern,
        decision=decision,
        title="Patrol",
        due_date=today,
        responsible_unit=unit,
        assignee=officer,
    )
    ProgressUpdate.objects.create(action=action, author=user, text="Two patrols done.")
    DueDateChange.objects.create(
        action=action,
        old_due_date=today,
        new_due_date=today + datetime.timedelta(days=7),
        reason="Holidays",
        changed_by=user,
    )
    reminder = Reminder.objects.create(
        action=action, kind="due_soon", period=str(today), scan=uuid.uuid4()
    )
    Notification.objects.create(user=user, title="Due soon", reminder=reminder)
    OutgoingEmail.objects.create(to=user.email, subject="Due soon", body="", reminder=reminder)
    Heartbeat.objects.create(name=f"beat-{code}", seen_at=now)
    return {"concern": concern, "event": ConcernEvent.objects.get(concern=concern)}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def superuser_request(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return request


def changelist_query_counts(client) -> dict:
    counts = {}
    for model in admin.site._registry:
        url = admin_url(model, "changelist")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[model] = len(queries)
    return counts


def test_every_model_is_registered():
    from django.apps import apps

    from concerns.admin_privacy import NEVER_IN_ADMIN

    ours = {"accounts", "councils", "concerns", "policing", "notifications"}
    models = {m for m in apps.get_models() if m._meta.app_label in ours}
    kept_out = {m for m in models if m._meta.label in NEVER_IN_ADMIN}
    assert models - kept_out <= set(admin.site._registry)
    assert not kept_out & set(admin.site._registry)


def test_every_changelist_change_and_add_page_opens_for_a_superuser(admin_client, superuser):
    make_world("IST")
    request = superuser_request(superuser)
    for model, model_admin in admin.site._registry.items():
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200, model
        obj = model.objects.first()
        if obj is not None:  # other apps' models (groups, API tokens) have no rows here
            change = admin_client.get(admin_url(model, "change", obj.pk))
            assert change.status_code == 200, model
        add = admin_client.get(admin_url(model, "add"))
        expected = 200 if model_admin.has_add_permission(request) else 403
        assert add.status_code == expected, model


def test_changelist_queries_do_not_grow_with_rows(admin_client):
    make_world("IST")
    changelist_query_counts(admin_client)  # warm caches (content types, sessions)
    few = changelist_query_counts(admin_client)
    make_world("PEJ")
    make_world("PRZ")
    many = changelist_query_counts(admin_client)
    grown = {m._meta.label: (few[m], many[m]) for m in few if many[m] > few[m]}
    assert grown == {}


def test_concern_changelist_query_count_does_not_grow_from_3_to_30_concerns(
    admin_client, django_assert_max_num_queries
):
    municipalities = [
        Municipality.objects.create(code=code, name=code) for code in ("IST", "PEJ", "PRZ")
    ]
    councils = [Council.objects.create(level="municipal", municipality=m) for m in municipalities]
    categories = [Category.objects.create(code=f"c{i}", name=f"C{i}") for i in range(3)]

    def add_concerns(start, count):
        for n in range(start, start + count):
            i = n % 3
            make_concern(municipalities[i], councils[i], categories[i], n)

    url = admin_url(Concern, "changelist")
    add_concerns(1, 3)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(url).status_code == 200
    bound = len(queries)

    add_concerns(4, 27)
    with django_assert_max_num_queries(bound):
        response = admin_client.get(url)
    assert response.context["cl"].result_count == 30


def test_non_staff_user_is_sent_to_the_admin_login(client):
    user = User.objects.create_user("resident", password="pw")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    response = client.get(admin_url(Concern, "changelist"))
    assert response.status_code == 302


def test_concern_changelist_shows_no_reporter_identity_and_search_does_not_find_it(
    admin_client,
):
    make_world("IST")
    url = admin_url(Concern, "changelist")
    response = admin_client.get(url)
    assert "IST-2026-00001" in response.text
    assert REPORTER_EMAIL not in response.text
    found = admin_client.get(url, {"q": REPORTER_EMAIL})
    assert found.context["cl"].result_count == 0


def test_concern_change_form_shows_neither_identity_nor_token(admin_client, superuser):
    """DOMAIN.md: reporter identity is for the council secretary only, not administrators."""
    concern = make_world("IST")["concern"]
    response = admin_client.get(admin_url(Concern, "change", concern.pk))
    assert response.status_code == 200
    assert REPORTER_EMAIL not in response.text
    assert TOKEN_HASH not in response.text
    assert 'name="reference"' not in response.text
    assert 'name="reporter_email"' not in response.text


def test_administrator_erases_reporter_identity_on_request(admin_client, superuser):
    concern = make_world("IST")["concern"]
    response = admin_client.post(
        admin_url(Concern, "changelist"),
        {"action": "erase_reporter_identity", "_selected_action": [concern.pk]},
        follow=True,
    )
    assert "was erased" in response.text
    concern.refresh_from_db()
    assert (concern.reporter_email, concern.reporter_name, concern.consent_to_contact) == (
        "",
        "",
        False,
    )
    assert concern.events.filter(kind="updated", is_public=False, actor=superuser).exists()


def test_concern_change_form_of_anonymous_concern_logs_no_disclosure(admin_client, superuser):
    municipality = Municipality.objects.create(code="IST", name="Istog")
    council = Council.objects.create(level="municipal", municipality=municipality)
    category = Category.objects.create(code="drugs", name="Drugs")
    concern = make_concern(municipality, council, category, 1, is_anonymous=True)
    assert admin_client.get(admin_url(Concern, "change", concern.pk)).status_code == 200
    assert not IdentityDisclosure.objects.exists()


@pytest.mark.parametrize("model", [ConcernEvent, IdentityDisclosure])
def test_audit_logs_cannot_be_added_changed_or_deleted_even_by_a_superuser(
    admin_client, superuser, model
):
    make_world("IST")
    row = model.objects.get()
    model_admin = admin.site._registry[model]
    request = superuser_request(superuser)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)

    change_url = admin_url(model, "change", row.pk)
    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert admin_client.post(change_url, {"note": "rewritten"}).status_code == 403
    assert admin_client.post(admin_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    bulk_delete = admin_client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert bulk_delete.status_code in (200, 302)
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "model", [ReferenceCounter, Reminder, OutgoingEmail, Heartbeat, Attachment]
)
def test_application_written_rows_are_read_only(admin_client, superuser, model):
    make_world("IST")
    row = model.objects.get()
    request = superuser_request(superuser)
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, row)
    assert admin_client.get(admin_url(model, "add")).status_code == 403
    assert admin_client.post(admin_url(model, "change", row.pk), {}).status_code == 403


def test_concerns_are_not_added_through_the_admin(admin_client):
    assert admin_client.get(admin_url(Concern, "add")).status_code == 403


def test_user_admin_edits_the_csc_fields(admin_client):
    user = User.objects.create_user("secretary", password="pw")
    page = admin_client.get(admin_url(User, "change", user.pk))
    for field in ("phone", "preferred_language", "is_national_coordinator"):
        assert f'name="{field}"' in page.text
    filtered = admin_client.get(
        admin_url(User, "changelist"), {"is_national_coordinator__exact": 1}
    )
    assert filtered.status_code == 200
    assert filtered.context["cl"].result_count == 0


def test_follow_up_action_added_in_admin_records_who_created_it(admin_client, superuser):
    municipality = Municipality.objects.create(code="IST", name="Istog")
    council = Council.objects.create(level="municipal", municipality=municipality)
    body = PartnerBody.objects.create(municipality=municipality, name="Public works department")
    response = admin_client.post(
        admin_url(FollowUpAction, "add"),
        {
            "title": "Repair the street lights",
            "description": "",
            "council": council.pk,
            "responsible_body": body.pk,
            "due_date": "2026-03-01",
            "priority": "normal",
            "public_summary": "",
            "cancel_reason": "",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
            "updates-TOTAL_FORMS": 0,
            "updates-INITIAL_FORMS": 0,
            "due_date_changes-TOTAL_FORMS": 0,
            "due_date_changes-INITIAL_FORMS": 0,
            "reminders-TOTAL_FORMS": 0,
            "reminders-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    action = FollowUpAction.objects.get()
    assert action.created_by == superuser
    assert action.status == FollowUpAction.Status.OPEN


def test_site_header_is_the_csc_tracker_administration(admin_client):
    assert "CSC Tracker administration" in admin_client.get("/admin/").text


def make_concern_email(concern, *, sent: bool, to: str = REPORTER_EMAIL) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        to=to,
        subject=f"Your concern {concern.reference}",
        body="Follow it at https://csc.example.org/track/IST-2026-00001/secret-token/",
        concern=concern,
        sent_at=timezone.now() if sent else None,
    )


def test_outbox_admin_shows_neither_full_addresses_nor_bodies(admin_client):
    concern = make_world("IST")["concern"]
    email = make_concern_email(concern, sent=False)
    pages = {
        "list": admin_client.get(admin_url(OutgoingEmail, "changelist")),
        "change": admin_client.get(admin_url(OutgoingEmail, "change", email.pk)),
        "delete": admin_client.get(admin_url(OutgoingEmail, "delete", email.pk)),
        "history": admin_client.get(admin_url(OutgoingEmail, "history", email.pk)),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert REPORTER_EMAIL not in page.text, name
        assert "secret-token" not in page.text, name
    assert "r***@example.org" in pages["list"].text
    assert "r***@example.org" in pages["change"].text
    assert "IST-2026-00001" in pages["list"].text


def test_outbox_admin_search_finds_neither_by_address_nor_by_body(admin_client):
    concern = make_world("IST")["concern"]
    make_concern_email(concern, sent=False)
    url = admin_url(OutgoingEmail, "changelist")
    for query in (REPORTER_EMAIL, "reporter-secret", "secret-token"):
        assert admin_client.get(url, {"q": query}).context["cl"].result_count == 0, query
    assert admin_client.get(url, {"q": "IST-2026-00001"}).context["cl"].result_count == 1


def test_outbox_admin_filters_given_up_emails(admin_client):
    concern = make_world("IST")["concern"]
    given_up = make_concern_email(concern, sent=False)
    OutgoingEmail.objects.filter(pk=given_up.pk).update(
        attempts=20, given_up_at=timezone.now(), last_error="OSError: smtp down"
    )
    response = admin_client.get(
        admin_url(OutgoingEmail, "changelist"), {"given_up_at__isempty": "0"}
    )
    assert [row.pk for row in response.context["cl"].result_list] == [given_up.pk]
    assert "OSError: smtp down" in response.text
    unsent = admin_client.get(admin_url(OutgoingEmail, "changelist"), {"sent_at__isempty": "1"})
    assert unsent.context["cl"].result_count == 2


def test_concern_workflow_fields_are_read_only_in_admin(admin_client):
    concern = make_world("IST")["concern"]
    response = admin_client.get(admin_url(Concern, "change", concern.pk))
    form_fields = response.context["adminform"].form.fields
    workflow = ("council", "municipality", "category", "status", "priority", "description")
    for field in (*workflow, "public_response", "rejection_reason", "duplicate_of"):
        assert field not in form_fields, field
        assert f'name="{field}"' not in response.text, field
    assert "address" in form_fields  # where it happened can be corrected


def test_erasing_reporter_identity_erases_the_concerns_emails(admin_client, superuser):
    concern = make_world("IST")["concern"]
    unsent = make_concern_email(concern, sent=False)
    sent = make_concern_email(concern, sent=True)
    other_concern = make_concern(
        concern.municipality,
        concern.council,
        concern.category,
        2,
        reporter_email="someone-else@example.org",
    )
    other_email = make_concern_email(other_concern, sent=False, to="someone-else@example.org")

    admin_client.post(
        admin_url(Concern, "changelist"),
        {"action": "erase_reporter_identity", "_selected_action": [concern.pk]},
    )

    assert not OutgoingEmail.objects.filter(pk=unsent.pk).exists()
    sent.refresh_from_db()
    assert (sent.to, sent.body, sent.subject) == ("", "", "Your concern IST-2026-00001")
    assert sent.sent_at is not None
    other_email.refresh_from_db()
    assert (other_email.to, other_email.sent_at) == ("someone-else@example.org", None)
    assert "secret-token" in other_email.body


# --- Private fields: no lookup, search or filter reaches them


def handler400(request, exception=None):
    return HttpResponseBadRequest()


PRIVATE_LOOKUPS = [
    (Concern, {"reporter_email": REPORTER_EMAIL}),
    (Concern, {"reporter_email__exact": REPORTER_EMAIL}),
    (Concern, {"reporter_email__iendswith": "@example.org"}),
    (Concern, {"reporter_name__startswith": "D"}),
    (Concern, {"reporter_phone__contains": "4"}),
    (Concern, {"reporter_email__isnull": "False"}),
    (Concern, {"tracking_token_hash__startswith": "x"}),
    (Concern, {"tracking_code_hash__startswith": "x"}),
    (Concern, {"emails__body__contains": "secret-token"}),
    (Concern, {"events__concern__reporter_email": REPORTER_EMAIL}),
    (Concern, {"duplicate_of__reporter_name__startswith": "D"}),
    (ConcernEvent, {"concern__reporter_email": REPORTER_EMAIL}),
    (ConcernEvent, {"concern__tracking_token_hash__startswith": "x"}),
    (Attachment, {"concern__reporter_name__startswith": "D"}),
    (IdentityDisclosure, {"concern__reporter_phone__contains": "4"}),
    (OutgoingEmail, {"to": REPORTER_EMAIL}),
    (OutgoingEmail, {"to__startswith": "r"}),
    (OutgoingEmail, {"body__contains": "secret-token"}),
    (OutgoingEmail, {"subject__contains": "IST"}),
    (OutgoingEmail, {"concern__reporter_email": REPORTER_EMAIL}),
    (AgendaItem, {"concern__reporter_email__startswith": "r"}),
    (FollowUpAction, {"concern__reporter_phone__contains": "4"}),
    (Reminder, {"emails__body__contains": "secret-token"}),
    (Municipality, {"concerns__reporter_email": REPORTER_EMAIL}),
    (Category, {"concerns__reporter_name__startswith": "D"}),
    (User, {"notifications__reminder__emails__to__startswith": "r"}),
]


@pytest.mark.parametrize(("model", "query"), PRIVATE_LOOKUPS)
def test_changelist_refuses_lookups_on_private_fields(admin_client, model, query):
    concern = make_world("IST")["concern"]
    Concern.objects.filter(pk=concern.pk).update(reporter_name="Drita", reporter_phone="044")
    make_concern_email(concern, sent=False)

    response = admin_client.get(admin_url(model, "changelist"), query)

    assert response.status_code == 400
    for secret in (REPORTER_EMAIL, "Drita", "044", "secret-token", TOKEN_HASH):
        assert secret not in response.text


def test_every_admin_refuses_every_path_to_a_private_field(superuser):
    from concerns.admin_privacy import PRIVATE_FIELDS

    request = superuser_request(superuser)

    def private_paths(model, prefix="", depth=3):
        for field in model._meta.get_fields():
            name = prefix + field.name
            if field.name in PRIVATE_FIELDS.get(model._meta.label, ()):
                yield name
            elif field.is_relation and field.related_model is not None and depth > 1:
                yield from private_paths(field.related_model, name + "__", depth - 1)

    checked = 0
    for model, model_admin in admin.site._registry.items():
        for private in private_paths(model):
            for lookup in (private, private + "__startswith", private + "__icontains"):
                assert not model_admin.lookup_allowed(lookup, "x", request), (model, lookup)
                checked += 1
    assert checked > 100


def test_allowed_filters_searches_and_dates_still_work(admin_client):
    concern = make_world("IST")["concern"]
    make_concern_email(concern, sent=False)
    concerns = admin_url(Concern, "changelist")
    for query in (
        {"status__exact": "new"},
        {"category__id__exact": concern.category_id},
        {"is_anonymous__exact": "0"},
        {"created_at__year": concern.created_at.year},
        {"q": "IST-2026-00001"},
    ):
        response = admin_client.get(concerns, query)
        assert response.status_code == 200, query
        assert response.context["cl"].result_count == 1, query
    emails = admin_url(OutgoingEmail, "changelist")
    assert admin_client.get(emails, {"sent_at__isempty": "1"}).context["cl"].result_count == 2
    events = admin_url(ConcernEvent, "changelist")
    assert admin_client.get(events, {"kind__exact": "submitted"}).status_code == 200


def test_outbox_admin_search_does_not_look_into_subjects(admin_client):
    concern = make_world("IST")["concern"]
    make_concern_email(concern, sent=False)
    url = admin_url(OutgoingEmail, "changelist")
    assert admin_client.get(url, {"q": "Your concern"}).context["cl"].result_count == 0


def test_system_check_refuses_admins_that_query_or_can_reach_private_fields():
    from concerns.admin_privacy import PrivateFieldsAdmin, private_field_errors

    class SearchesIdentity(PrivateFieldsAdmin, admin.ModelAdmin):
        search_fields = ("reference", "=reporter_email")
        list_filter = (("emails__to", admin.EmptyFieldListFilter),)

    class Unprotected(admin.ModelAdmin):
        pass

    site = admin.AdminSite(name="check")
    site.register(Concern, SearchesIdentity)
    site.register(Attachment, Unprotected)
    site.register(Heartbeat, Unprotected)  # no relation to any private field

    errors = private_field_errors(site)

    assert sorted(error.id for error in errors) == ["csc.E001", "csc.E002", "csc.E002"]
    assert private_field_errors(admin.site) == []


# --- Workflow fields change through the services, which write the timeline


def test_concern_change_form_post_does_not_change_workflow_fields(admin_client):
    concern = make_world("IST")["concern"]
    other_council = Council.objects.create(level="municipal", municipality=concern.municipality)
    other_category = Category.objects.create(code="traffic", name="Traffic")
    before = Concern.objects.values().get(pk=concern.pk)

    response = admin_client.post(
        admin_url(Concern, "change", concern.pk),
        {
            "status": "closed",
            "council": other_council.pk,
            "municipality": "",
            "category": other_category.pk,
            "priority": "urgent",
            "channel": "phone",
            "language": "sq",
            "description": "Rewritten in the admin.",
            "public_response": "Done.",
            "rejection_reason": "No.",
            "duplicate_of": concern.pk,
            "settlement": concern.settlement_id,
            "address": "Rruga e Shkollës 4",
            "latitude": "",
            "longitude": "",
            "occurred_at_0": "",
            "occurred_at_1": "",
            "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0,
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    after = Concern.objects.values().get(pk=concern.pk)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"address", "updated_at"}


def test_meeting_change_form_post_does_not_hold_or_cancel_it(admin_client):
    make_world("IST")
    meeting = Meeting.objects.get()
    response = admin_client.post(
        admin_url(Meeting, "change", meeting.pk),
        {
            "council": meeting.council_id,
            "kind": meeting.kind,
            "planned_at_0": "2026-03-02",
            "planned_at_1": "18:00:00",
            "place": "Town hall",
            "status": "cancelled",
            "held_at_0": "2026-03-02",
            "held_at_1": "18:00:00",
            "cancel_reason": "Snow",
            "minutes_summary": "",
            "agenda_items-TOTAL_FORMS": 0,
            "agenda_items-INITIAL_FORMS": 0,
            "attendance-TOTAL_FORMS": 0,
            "attendance-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert (meeting.status, meeting.held_at, meeting.cancel_reason) == ("planned", None, "")
    assert meeting.place == "Town hall"


def test_follow_up_action_change_form_post_does_not_cancel_it(admin_client):
    make_world("IST")
    action = FollowUpAction.objects.get()
    page = admin_client.get(admin_url(FollowUpAction, "change", action.pk))
    form_fields = page.context["adminform"].form.fields
    for field in ("status", "cancel_reason", "completed_at", "verified_at", "due_date"):
        assert field not in form_fields, field
    response = admin_client.post(
        admin_url(FollowUpAction, "change", action.pk),
        {
            "title": "Patrol the school road",
            "description": "",
            "council": action.council_id,
            "concern": action.concern_id,
            "decision": action.decision_id,
            "responsible_unit": action.responsible_unit_id,
            "responsible_body": "",
            "assignee": action.assignee_id,
            "priority": action.priority,
            "status": "cancelled",
            "cancel_reason": "Not needed",
            "public_summary": "",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
            "updates-TOTAL_FORMS": 0,
            "updates-INITIAL_FORMS": 0,
            "due_date_changes-TOTAL_FORMS": 0,
            "due_date_changes-INITIAL_FORMS": 0,
            "reminders-TOTAL_FORMS": 0,
            "reminders-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    action.refresh_from_db()
    assert (action.status, action.cancel_reason) == ("open", "")
    assert action.title == "Patrol the school road"


def test_outbox_admin_finds_an_email_by_its_whole_message_id(admin_client):
    concern = make_world("IST")["concern"]
    email = make_concern_email(concern, sent=True)
    url = admin_url(OutgoingEmail, "changelist")
    found = admin_client.get(url, {"q": email.message_id})
    assert [row.pk for row in found.context["cl"].result_list] == [email.pk]
    assert admin_client.get(url, {"q": "outbox"}).context["cl"].result_count == 0
