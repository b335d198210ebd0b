"""Short tracking codes: dictated, typed loosely, stored hashed; the secretary's panel."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from concerns import services, tracking_codes
from concerns.models import Concern, ConcernEvent
from concerns.references import tracking_token_for
from concerns.services import tracking
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    member_of,
    officer_in,
    secretary_of,
)

pytestmark = pytest.mark.django_db

GROUPED = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


@pytest.fixture
def world():
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    council = CouncilFactory(municipality=istok, name="MCSC Istog")
    secretary = secretary_of(council, "secretary.istok")
    return {
        "istok": istok,
        "council": council,
        "category": CategoryFactory(code="lighting", name="Lighting"),
        "secretary": secretary,
        "member": member_of(council, "member.istok"),
        "officer": officer_in(PoliceUnitFactory(municipality=istok), "officer.istok").user,
        "peja_secretary": secretary_of(CouncilFactory(municipality=peja), "secretary.peja"),
    }


def entered(world, **fields) -> tuple[Concern, str]:
    """A concern the secretary entered for a caller, with its first code."""
    receipt = services.submit_concern(
        services.Submission(
            municipality=world["istok"],
            category=world["category"],
            description="Caller: the lamp by the school is broken.",
            channel="phone",
            language=fields.pop("language", "sq"),
            **fields,
        ),
        by=world["secretary"],
    )
    return receipt.concern, receipt.tracking_code


def track(client, concern, code):
    return client.post(reverse("public:track"), {"reference": concern.reference, "token": code})


# --- The code itself


def test_a_code_is_twelve_unambiguous_characters_in_groups_of_four():
    for _ in range(200):
        code = tracking_codes.grouped(tracking_codes.new_code())
        assert GROUPED.match(code)
        assert not set("ILOU") & set(code)
    assert tracking_codes.BITS == 60 and len(tracking_codes.ALPHABET) == 32


@pytest.mark.parametrize(
    "typed",
    ["K7QM-3ZTD-9WXA", "k7qm3ztd9wxa", " K7QM 3ZTD 9WXA ", "k7qm-3ztd-9wxa", "K7QM–3ZTD9WXA"],
)
def test_case_spaces_and_hyphens_do_not_matter(typed):
    expected = "K7QM3ZTD9WXA"
    if "–" in typed:  # an en dash is not a hyphen: refused, not misread
        assert tracking_codes.normalize(typed) is None
    else:
        assert tracking_codes.normalize(typed) == expected


def test_o_reads_as_zero_and_i_or_l_as_one():
    assert tracking_codes.normalize("OOOO-IIII-LLLL") == "000011111111"


@pytest.mark.parametrize(
    "typed", ["", "K7QM-3ZTD-9WX", "K7QM-3ZTD-9WXAB", "U7QM-3ZTD-9WXA", "K7QM-3ZTD-9WX!"]
)
def test_what_cannot_be_a_code_is_refused(typed):
    assert tracking_codes.normalize(typed) is None


def test_the_first_code_is_derived_from_the_form_key_and_differs_between_forms():
    key = uuid.uuid4()
    assert tracking_codes.code_for_key(key) == tracking_codes.code_for_key(key)
    assert tracking_codes.code_for_key(key) != tracking_codes.code_for_key(uuid.uuid4())


def test_the_stored_hash_is_keyed_with_the_secret_key(settings):
    code = tracking_codes.new_code()
    stored = tracking_codes.hash_code(code)
    assert code not in stored
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert tracking_codes.hash_code(code) != stored


# --- Residents


def test_a_new_concern_gets_a_code_that_opens_its_page_however_it_is_typed(client, world):
    concern, code = entered(world)
    assert GROUPED.match(code)
    assert concern.tracking_code_hash and code not in concern.tracking_code_hash
    assert track(client, concern, code.lower().replace("-", " ")).status_code == 200
    confusable = code.replace("0", "O").replace("1", "I")
    assert track(client, concern, confusable).status_code == 200
    url = reverse("public:track_concern", args=[concern.reference, code])
    assert client.get(url).status_code == 200


def test_the_long_token_of_the_links_keeps_working(client, world):
    concern, _ = entered(world)
    token = tracking_token_for(concern.submission_key)
    assert track(client, concern, token).status_code == 200


def test_a_concern_from_before_codes_opens_with_its_token_only(client, world):
    concern = ConcernFactory(council=world["council"])
    assert concern.tracking_code_hash == ""
    assert track(client, concern, tracking_token_for(concern.submission_key)).status_code == 200
    assert (
        track(client, concern, tracking_codes.code_for_key(concern.submission_key)).status_code
        == 404
    )


def test_a_wrong_code_counts_as_a_failed_look_up(client, world, settings):
    settings.CSC = {**settings.CSC, "TRACK_FAILED_RATE_LIMIT": "2/h"}
    concern, code = entered(world)
    wrong = tracking_codes.grouped(tracking_codes.new_code())
    assert track(client, concern, wrong).status_code == 404
    assert track(client, concern, wrong).status_code == 404
    assert track(client, concern, code).status_code == 429


def test_the_receipt_shows_the_code_grouped(client, world):
    category = world["category"]
    key = uuid.uuid4()
    client.post(
        reverse("public:report"),
        {
            "municipality": world["istok"].pk,
            "category": category.pk,
            "description": "The lamp by the school has been broken for a week.",
            "submission_key": str(key),
            "is_anonymous": "on",
        },
    )
    body = client.get(reverse("public:report_done")).content.decode()
    code = tracking_codes.grouped(tracking_codes.code_for_key(key))
    assert f'id="code" dir="ltr">{code}</p>' in body


def test_the_acknowledgement_email_gives_the_code(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        concern, code = entered(world, reporter_email="drita@example.org", consent_to_contact=True)
    [message] = mail.outbox
    assert code in message.body
    # The link carries the long token: it keeps working if a new code is issued later.
    assert tracking_token_for(concern.submission_key) in message.body


# --- The secretary's panel


def test_entering_a_concern_shows_its_code_once_with_slip_and_sms(client, world):
    client.force_login(world["secretary"])
    response = client.post(
        reverse("concerns:new"),
        {
            "channel": "phone",
            "language": "sq",
            "municipality": world["istok"].pk,
            "category": world["category"].pk,
            "description": "Caller reports a broken lamp.",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    concern = Concern.objects.get(channel="phone")
    code = response.context["code"]
    assert concern.check_tracking_code(code)
    body = response.content.decode()
    assert "This code is shown only now." in body
    assert len(response.context["sms"]) <= 160 and code in response.context["sms"]
    assert "no-store" in response["Cache-Control"]
    assert concern.events.filter(kind="tracking", is_public=False).count() == 1


def test_issuing_a_new_code_shows_it_once_and_the_old_one_stops_working(client, world):
    concern, old = entered(world)
    client.force_login(world["secretary"])
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "The code the reporter has now stops working." in page
    response = client.post(reverse("concerns:issue_code", args=[concern.pk]))
    assert response.status_code == 200
    new = response.context["code"]
    assert GROUPED.match(new) and new != old
    assert new in response.content.decode()
    client.logout()
    assert track(client, concern, old).status_code == 404
    assert track(client, concern, new).status_code == 200
    event = concern.events.get(kind="tracking")
    assert not event.is_public and "previous code no longer works" in event.note
    body = track(client, concern, new).content.decode()
    assert "tracking code" not in body.lower().split('id="history"')[1]


def test_the_page_never_shows_a_code_again(client, world):
    concern, code = entered(world)
    client.force_login(world["secretary"])
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert code not in page
    assert client.get(reverse("concerns:issue_code", args=[concern.pk])).status_code == 405


def test_the_slip_prints_the_reference_code_and_address_and_is_logged(client, world):
    concern, code = entered(world, language="sr-latn")
    client.force_login(world["secretary"])
    response = client.post(reverse("concerns:tracking_slip", args=[concern.pk]), {"code": code})
    body = response.content.decode()
    assert response.status_code == 200
    assert concern.reference in body and code in body
    assert "/track/" in body
    assert concern.events.filter(kind="tracking", note="A tracking slip was printed.").exists()


def test_a_slip_for_a_replaced_code_is_refused(client, world):
    concern, old = entered(world)
    tracking.issue_tracking_code(concern, by=world["secretary"])
    client.force_login(world["secretary"])
    response = client.post(
        reverse("concerns:tracking_slip", args=[concern.pk]), {"code": old}, follow=True
    )
    assert "no longer valid" in response.content.decode()
    assert not concern.events.filter(note="A tracking slip was printed.").exists()


def test_the_code_is_emailed_to_a_consenting_reporter(
    client, world, django_capture_on_commit_callbacks
):
    concern, _ = entered(world, reporter_email="drita@example.org", consent_to_contact=True)
    mail.outbox.clear()
    client.force_login(world["secretary"])
    code = client.post(reverse("concerns:issue_code", args=[concern.pk])).context["code"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("concerns:email_code", args=[concern.pk]), {"code": code})
    [message] = mail.outbox
    assert message.to == ["drita@example.org"] and code in message.body
    assert concern.events.filter(note="The tracking code was emailed to the reporter.").exists()


def test_no_code_by_email_without_consent(client, world):
    concern, code = entered(world, reporter_email="drita@example.org", consent_to_contact=False)
    mail.outbox.clear()
    client.force_login(world["secretary"])
    response = client.post(
        reverse("concerns:email_code", args=[concern.pk]), {"code": code}, follow=True
    )
    assert "did not agree to be contacted" in response.content.decode()
    assert mail.outbox == []


def test_the_tracking_link_is_emailed_again_as_a_transition(
    client, world, django_capture_on_commit_callbacks
):
    concern = ConcernFactory(council=world["council"])  # reported on the web, consenting
    client.force_login(world["secretary"])
    url = reverse("concerns:transition", kwargs={"pk": concern.pk, "name": "resend_link"})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    [message] = mail.outbox
    assert tracking_token_for(concern.submission_key) in message.body
    assert concern.events.filter(kind="tracking", is_public=False).count() == 1


def test_no_new_code_for_a_concern_the_resident_sent_themselves(client, world):
    concern = ConcernFactory(council=world["council"])
    client.force_login(world["secretary"])
    assert client.post(reverse("concerns:issue_code", args=[concern.pk])).status_code == 403
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "New codes are issued only for concerns staff entered" in page


@pytest.mark.parametrize(
    ("who", "status"), [("member", 403), ("officer", 404), ("peja_secretary", 404)]
)
def test_others_cannot_issue_print_or_email_codes(client, world, who, status):
    concern, code = entered(world, reporter_email="drita@example.org", consent_to_contact=True)
    mail.outbox.clear()
    client.force_login(world[who])
    assert client.post(reverse("concerns:issue_code", args=[concern.pk])).status_code == status
    for name in ("tracking_slip", "email_code"):
        response = client.post(reverse(f"concerns:{name}", args=[concern.pk]), {"code": code})
        assert response.status_code == status
    resend = reverse("concerns:transition", kwargs={"pk": concern.pk, "name": "resend_link"})
    assert client.post(resend).status_code == status
    assert concern.check_tracking_code(code)
    assert mail.outbox == []
    assert not concern.events.filter(kind=ConcernEvent.Kind.TRACKING).exists()


@pytest.mark.parametrize("language", ["en", "sq", "sr-latn", "ar", "ckb", "bs", "tr"])
def test_the_sms_text_fits_in_one_message_in_every_language(world, language):
    concern, code = entered(world, language=language)
    text = tracking.sms_text(concern, code)
    assert len(text) <= 160
    assert concern.reference in text and code in text


def test_with_a_long_site_address_the_sms_keeps_the_code_and_drops_the_link(world, settings):
    settings.PUBLIC_BASE_URL = "https://" + "very-long-municipal-domain." * 4 + "example.org"
    concern, code = entered(world)
    text = tracking.sms_text(concern, code)
    assert len(text) <= 160 and code in text and "https://" not in text
