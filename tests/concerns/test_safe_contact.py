"""Safe ways to contact the reporter: asked on the form, dropped under anonymity, shown at the
top of the concern page to the secretary (and the safeguarding officer of a sensitive concern)
only, each showing logged, never reachable through the admin's lookups."""

import re
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from concerns import services
from concerns.models import Concern, IdentityDisclosure, SafeContact
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    UserFactory,
    co_chair_of,
    commander_of,
    member_of,
    national_coordinator,
    officer_in,
    safeguarding_officer_of,
    secretary_of,
)

pytestmark = pytest.mark.django_db

TIMES = "Weekdays 9-12 when he is at work"
ORGANISATION = "Women in Action Istog"
Shown = IdentityDisclosure.Shown


@pytest.fixture
def world():
    istog = MunicipalityFactory(code="IST", name="Istog")
    council = CouncilFactory(municipality=istog, name="MCSC Istog")
    unit = PoliceUnitFactory(municipality=istog, name="Istog police station")
    sensitive_category = CategoryFactory(
        code="domestic-violence", name="Domestic violence", is_sensitive=True
    )
    ordinary_category = CategoryFactory(code="traffic-safety", name="Traffic safety")
    sensitive = ConcernFactory(council=council, category=sensitive_category)
    ordinary = ConcernFactory(council=council, category=ordinary_category)
    for concern in (sensitive, ordinary):
        SafeContact.objects.create(
            concern=concern,
            by_sms=True,
            in_person=True,
            organisation=ORGANISATION,
            times=TIMES,
            no_messages=True,
        )
        # Commanders read concerns referred to their unit.
        FollowUpActionFactory(council=council, concern=concern, responsible_unit=unit)
    return {
        "municipality": istog,
        "council": council,
        "sensitive_category": sensitive_category,
        "ordinary_category": ordinary_category,
        "sensitive": sensitive,
        "ordinary": ordinary,
        "users": {
            "secretary": secretary_of(council, "secretary.istok"),
            "safeguarding": safeguarding_officer_of(council, "safeguarding.istok"),
            "member": member_of(council, "member.istok"),
            "co_chair": co_chair_of(council, "cochair.istok"),
            "commander": commander_of(unit, "commander.istok"),
            "officer": officer_in(unit, "officer.istok").user,
            "national": national_coordinator("national"),
            "other_secretary": secretary_of(
                CouncilFactory(municipality=MunicipalityFactory(code="PEJ")), "secretary.peja"
            ),
        },
    }


def detail(client, user, concern):
    client.force_login(user)
    return client.get(reverse("concerns:detail", args=[concern.pk]))


def report_data(world, category, **overrides):
    data = {
        "municipality": world["municipality"].pk,
        "category": category.pk,
        "description": "He threatens me at home when he drinks, every week.",
        "reporter_name": "Drita",
        "reporter_phone": "+383 44 111 222",
        "consent_to_contact": "on",
        "safe_channels": ["sms", "in_person"],
        "safe_organisation": ORGANISATION,
        "safe_times": TIMES,
        "safe_no_messages": "on",
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }
    data.update(overrides)
    return data


def fieldset(html: str) -> str:
    """From the safe-contact fieldset's start to its last field."""
    start = html.index('<fieldset class="safe-contact')
    return html[start : html.index('name="safe_no_messages"', start) + 200]


# --- The public form


def test_the_form_offers_safe_ways_to_contact_for_every_category(client, world):
    html = client.get(reverse("public:report")).content.decode()
    part = fieldset(html)
    assert "Safe ways to contact me" in part
    for text in ("A phone call", "A text message (SMS)", "An email", "Do not leave messages"):
        assert text in part
    assert 'name="safe_times"' in part and 'name="safe_organisation"' in part
    # Inside the contact details, which "Report anonymously" hides (the server drops them too).
    contact = html[html.index('id="contact-fields"') :]
    assert 'class="safe-contact' in contact


def test_the_sensitive_categories_are_marked_so_css_emphasises_safe_contact_without_js(
    client, world
):
    html = client.get(reverse("public:report")).content.decode()
    radios = re.findall(r'<input type="radio" name="category"[^>]*>', html)
    marked = [r for r in radios if "data-sensitive" in r]
    assert len(marked) == 1 and f'value="{world["sensitive_category"].pk}"' in marked[0]
    assert 'class="safe-contact"' in html  # not emphasised before a choice


def test_a_form_sent_back_with_a_sensitive_category_emphasises_safe_contact(client, world):
    data = report_data(world, world["sensitive_category"], description="")
    html = client.post(reverse("public:report"), data).content.decode()
    assert 'class="safe-contact emphasised"' in html
    assert 'class="sensitive-note shown"' in html
    assert TIMES in html  # what was typed is kept


def test_a_form_sent_back_with_an_ordinary_category_does_not_emphasise_it(client, world):
    data = report_data(world, world["ordinary_category"], description="")
    html = client.post(reverse("public:report"), data).content.decode()
    assert 'class="safe-contact"' in html
    assert "emphasised" not in html


def test_safe_ways_to_contact_are_kept_with_the_concern(client, world):
    response = client.post(reverse("public:report"), report_data(world, world["ordinary_category"]))
    assert response.status_code == 302
    concern = Concern.objects.latest("pk")
    safe = concern.safe_contact
    assert (safe.by_call, safe.by_sms, safe.by_email, safe.in_person) == (
        False,
        True,
        False,
        True,
    )
    assert (safe.organisation, safe.times, safe.no_messages) == (ORGANISATION, TIMES, True)


def test_choosing_anonymity_drops_the_safe_ways_to_contact(client, world):
    data = report_data(world, world["sensitive_category"], is_anonymous="on")
    assert client.post(reverse("public:report"), data).status_code == 302
    concern = Concern.objects.latest("pk")
    assert concern.is_anonymous
    assert not SafeContact.objects.filter(concern=concern).exists()
    assert (
        not SafeContact.objects.filter(times=TIMES)
        .exclude(concern__in=[world["sensitive"], world["ordinary"]])
        .exists()
    )


def test_the_service_drops_them_too_when_anonymous(world):
    receipt = services.submit_concern(
        services.Submission(
            municipality=world["municipality"],
            category=world["sensitive_category"],
            description="Someone is kept locked in the house next door.",
            is_anonymous=True,
            reporter_phone="+383 44 111 222",
            safe_contact=services.SafeContactWishes(
                channels=frozenset({"call"}), times=TIMES, no_messages=True
            ),
        )
    )
    assert receipt.concern.is_anonymous and receipt.concern.reporter_phone == ""
    assert not SafeContact.objects.filter(concern=receipt.concern).exists()


def test_nothing_is_kept_when_nothing_was_said(client, world):
    data = report_data(
        world, world["ordinary_category"], safe_channels=[], safe_organisation="", safe_times=""
    )
    data.pop("safe_no_messages")
    assert client.post(reverse("public:report"), data).status_code == 302
    assert not SafeContact.objects.filter(concern=Concern.objects.latest("pk")).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"safe_organisation": ""}, "Name the organisation through which the council may reach"),
        ({"reporter_phone": ""}, "Give the phone number the council may call or text."),
        (
            {"safe_channels": ["email"]},
            "Give the email address the council may write to.",
        ),
        (
            {"reporter_email": "drita@example.org"},
            "You did not choose email as a safe way to contact you",
        ),
        ({"safe_channels": ["fax"]}, "is not one of the choices"),
    ],
)
def test_wishes_that_cannot_be_followed_are_refused_with_a_plain_message(
    client, world, overrides, message
):
    before = Concern.objects.count()
    data = report_data(world, world["sensitive_category"], **overrides)
    response = client.post(reverse("public:report"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Concern.objects.count() == before


def test_the_service_refuses_an_in_person_wish_without_an_organisation(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.submit_concern(
            services.Submission(
                municipality=world["municipality"],
                category=world["sensitive_category"],
                description="Someone is kept locked in the house next door.",
                reporter_phone="+383 44 111 222",
                safe_contact=services.SafeContactWishes(channels=frozenset({"in_person"})),
            )
        )
    assert "safe_organisation" in refused.value.message_dict


def test_staff_entering_a_concern_record_the_safe_ways_to_contact(client, world):
    client.force_login(world["users"]["secretary"])
    data = report_data(world, world["sensitive_category"], channel="phone", language="sq")
    data.pop("website")
    response = client.post(reverse("concerns:new"), data)
    assert response.status_code in {200, 302}  # the tracking code's page, or the concern
    concern = Concern.objects.latest("pk")
    assert concern.channel == "phone"
    assert concern.safe_contact.times == TIMES


# --- The concern page: the box at the top, to whom may act on it


@pytest.mark.parametrize(
    ("role", "concern"),
    [("secretary", "ordinary"), ("secretary", "sensitive"), ("safeguarding", "sensitive")],
)
def test_the_box_is_at_the_top_of_the_concern_page_for_who_may_act_on_it(
    client, world, role, concern
):
    html = detail(client, world["users"][role], world[concern]).content.decode()
    box = html.index('class="safe-contact-box"')
    assert box < html.index('class="layout-2"')  # above the details
    assert "Do not leave messages." in html
    assert TIMES in html and ORGANISATION in html
    assert "A text message; In person, through an organisation" in html
    assert "A phone call" not in html


def test_each_showing_is_logged_like_a_reading_of_identity(client, world):
    secretary = world["users"]["secretary"]
    detail(client, secretary, world["sensitive"])
    detail(client, secretary, world["sensitive"])
    logged = IdentityDisclosure.objects.filter(concern=world["sensitive"], user=secretary)
    assert [row.shown for row in logged] == [Shown.SAFE_CONTACT, Shown.SAFE_CONTACT]


def test_no_box_and_nothing_logged_when_the_reporter_gave_none(client, world):
    concern = ConcernFactory(council=world["council"], category=world["ordinary_category"])
    html = detail(client, world["users"]["secretary"], concern).content.decode()
    assert "safe-contact-box" not in html
    assert not IdentityDisclosure.objects.filter(concern=concern).exists()


@pytest.mark.parametrize("role", ["member", "co_chair", "commander", "officer", "national"])
def test_who_may_not_see_reporter_identity_never_sees_the_safe_ways(client, world, role):
    response = detail(client, world["users"][role], world["ordinary"])
    html = response.content.decode()
    if response.status_code == 200:  # the officer reads actions, not the concern page
        assert world["ordinary"].description[:30] in html
    assert "safe-contact-box" not in html
    for secret in (TIMES, ORGANISATION, "Do not leave messages"):
        assert secret not in html
    assert not IdentityDisclosure.objects.filter(user=world["users"][role]).exists()


@pytest.mark.parametrize(
    "role", ["member", "co_chair", "commander", "officer", "national", "other_secretary"]
)
def test_the_sensitive_concerns_safe_ways_stay_hidden_from_the_others(client, world, role):
    response = detail(client, world["users"][role], world["sensitive"])
    assert response.status_code == 404
    assert TIMES not in response.content.decode()


def test_the_safeguarding_officer_does_not_see_an_ordinary_concerns_safe_ways(client, world):
    response = detail(client, world["users"]["safeguarding"], world["ordinary"])
    assert response.status_code == 404
    assert TIMES not in response.content.decode()


@pytest.mark.parametrize("role", ["member", "co_chair", "commander", "national", "safeguarding"])
def test_the_service_refuses_to_read_them_for_others(world, role):
    with pytest.raises(PermissionDenied):
        services.read_safe_contact(world["ordinary"], by=world["users"][role])
    assert not IdentityDisclosure.objects.exists()


def test_the_service_refuses_them_on_an_anonymous_concern(world):
    concern = ConcernFactory(
        council=world["council"],
        category=world["sensitive_category"],
        is_anonymous=True,
        reporter_name="",
        reporter_phone="",
        reporter_email="",
        consent_to_contact=False,
    )
    with pytest.raises(PermissionDenied):
        services.read_safe_contact(concern, by=world["users"]["secretary"])


def test_the_revealed_identity_page_does_not_repeat_them_to_anyone_else(client, world):
    client.force_login(world["users"]["member"])
    response = client.post(reverse("concerns:identity", args=[world["ordinary"].pk]))
    assert response.status_code in {403, 404}
    assert TIMES not in response.content.decode()


# --- The Django admin: private fields


@pytest.fixture
def admin_client(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "query",
    [
        {"safe_contact__times__contains": "Week"},
        {"safe_contact__no_messages": "1"},
        {"safe_contact__organisation__startswith": "W"},
        {"safe_contact__isnull": "False"},
        {"safe_contact__by_sms": "1"},
    ],
)
def test_the_admin_refuses_lookups_on_the_safe_ways(admin_client, world, query):
    response = admin_client.get(reverse("admin:concerns_concern_changelist"), query)
    assert response.status_code == 400
    assert world["ordinary"].reference not in response.content.decode()


def test_the_admin_has_no_page_for_them_and_the_checks_keep_it_so(admin_client, world):
    from django.contrib import admin
    from django.urls import NoReverseMatch

    from concerns.admin_privacy import private_field_errors

    with pytest.raises(NoReverseMatch):
        reverse("admin:concerns_safecontact_changelist")
    site = admin.AdminSite(name="probe")
    site.register(SafeContact)
    assert "csc.E003" in {error.id for error in private_field_errors(site)}


def test_the_admin_does_not_show_them_on_the_concern(admin_client, world):
    change = reverse("admin:concerns_concern_change", args=[world["ordinary"].pk])
    html = admin_client.get(change).content.decode()
    assert world["ordinary"].reference in html
    assert TIMES not in html and ORGANISATION not in html


def test_the_disclosure_log_says_what_was_shown(admin_client, world, client):
    services.read_safe_contact(world["ordinary"], by=world["users"]["secretary"])
    html = admin_client.get(reverse("admin:concerns_identitydisclosure_changelist")).content
    assert "Safe ways to contact" in html.decode()
