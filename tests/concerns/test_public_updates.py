"""A message to the reporter: keeps the status, shows on the tracking page, emailed if allowed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from concerns import selectors, services
from concerns.models import Concern, ConcernEvent
from concerns.references import tracking_token_for
from tests.factories import (
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    commander_of,
    member_of,
    officer_in,
    safeguarding_officer_of,
    secretary_of,
)

pytestmark = pytest.mark.django_db

NEWS = {
    "sq": "Policia vizitoi rrugën të hënën.",
    "sr-latn": "Policija je posetila ulicu u ponedeljak.",
}


@pytest.fixture
def world():
    istok = MunicipalityFactory(code="IST", name="Istog", official_languages=["sq", "sr-latn"])
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    council = CouncilFactory(municipality=istok, name="MCSC Istog")
    peja_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    unit = PoliceUnitFactory(municipality=istok, name="Istog police station")
    concern = ConcernFactory(
        council=council,
        status=Concern.Status.TRIAGED,
        language="sr-latn",
        reporter_email="milica@example.org",
        consent_to_contact=True,
    )
    return {
        "council": council,
        "concern": concern,
        "unit": unit,
        "secretary": secretary_of(council, "secretary.istok"),
        "member": member_of(council, "member.istok"),
        "safeguarding": safeguarding_officer_of(council, "safeguarding.istok"),
        "commander": commander_of(unit, "commander.istok"),
        "officer": officer_in(unit, "officer.istok").user,
        "peja_secretary": secretary_of(peja_council, "secretary.peja"),
    }


def message_url(concern):
    return reverse("concerns:transition", kwargs={"pk": concern.pk, "name": "message"})


def tracking_url(concern):
    return reverse(
        "public:track_concern", args=[concern.reference, tracking_token_for(concern.submission_key)]
    )


# --- The service


def test_a_message_keeps_the_status_and_writes_a_public_event(world):
    concern = world["concern"]
    event = services.post_public_update(concern, by=world["secretary"], text=NEWS)
    concern.refresh_from_db()
    assert concern.status == Concern.Status.TRIAGED
    assert (event.kind, event.is_public, event.public_text) == ("public_update", True, NEWS)
    assert (event.from_status, event.to_status) == ("triaged", "triaged")
    assert list(selectors.public_updates(concern)) == [event]
    assert event in selectors.public_events(concern)


def test_the_reporter_gets_the_message_by_email_in_their_language_after_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.post_public_update(world["concern"], by=world["secretary"], text=NEWS)
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["milica@example.org"]
    assert world["concern"].reference in message.subject
    assert NEWS["sr-latn"] in message.body
    assert NEWS["sq"] not in message.body
    assert tracking_token_for(world["concern"].submission_key) in message.body


def test_a_message_in_another_language_is_marked_with_its_language(
    world, django_capture_on_commit_callbacks
):
    concern = world["concern"]
    Concern.objects.filter(pk=concern.pk).update(language="en")
    concern.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_public_update(concern, by=world["secretary"], text={"sq": NEWS["sq"]})
    [message] = mail.outbox
    assert f"(in Albanian)\n{NEWS['sq']}" in message.body


@pytest.mark.parametrize(
    "reporter",
    [
        {"consent_to_contact": False},
        {"reporter_email": ""},
        {
            "is_anonymous": True,
            "reporter_name": "",
            "reporter_phone": "",
            "reporter_email": "",
            "consent_to_contact": False,
        },
    ],
    ids=["no-consent", "no-email", "anonymous"],
)
def test_no_email_without_consent_an_address_or_for_an_anonymous_reporter(
    world, reporter, django_capture_on_commit_callbacks
):
    concern = ConcernFactory(council=world["council"], **reporter)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.post_public_update(concern, by=world["secretary"], text=NEWS)
    assert event.is_public
    assert mail.outbox == []


def test_an_empty_message_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        services.post_public_update(world["concern"], by=world["secretary"], text={"sq": "  "})
    assert "text" in excinfo.value.message_dict
    assert not ConcernEvent.objects.filter(kind="public_update").exists()


@pytest.mark.parametrize(
    "who", ["member", "safeguarding", "commander", "officer", "peja_secretary"]
)
def test_only_the_councils_secretary_may_write_to_the_reporter(world, who):
    with pytest.raises(PermissionDenied):
        services.post_public_update(world["concern"], by=world[who], text=NEWS)
    assert not ConcernEvent.objects.filter(kind="public_update").exists()


# --- The page


def test_secretary_sends_a_message_from_the_concern_page_and_the_reporter_reads_it(
    client, world, django_capture_on_commit_callbacks
):
    concern = world["concern"]
    client.force_login(world["secretary"])
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert 'name="message-text_sq"' in page and 'name="message-text_sr-latn"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            message_url(concern),
            {"message-text_sq": NEWS["sq"], "message-text_sr-latn": NEWS["sr-latn"]},
            follow=True,
        )
    assert "emailed to the reporter" in response.content.decode()
    assert len(mail.outbox) == 1
    concern.refresh_from_db()
    assert concern.status == Concern.Status.TRIAGED

    client.logout()
    body = client.get(tracking_url(concern), HTTP_ACCEPT_LANGUAGE="sq").content.decode()
    assert NEWS["sq"] in body
    assert NEWS["sr-latn"] not in body
    assert "secretary.istok" not in body  # who wrote it stays with the council


def test_a_message_without_the_first_official_language_is_refused_on_the_page(client, world):
    client.force_login(world["secretary"])
    response = client.post(message_url(world["concern"]), {"message-text_sr-latn": "Samo srpski"})
    assert response.status_code == 400
    assert "Write the text in Albanian." in response.content.decode()
    assert not ConcernEvent.objects.filter(kind="public_update").exists()


def test_the_page_says_when_the_reporter_gets_no_email(client, world):
    concern = ConcernFactory(council=world["council"], consent_to_contact=False)
    client.force_login(world["secretary"])
    response = client.post(message_url(concern), {"message-text_sq": NEWS["sq"]}, follow=True)
    assert "The reporter gets no email" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("safeguarding", 404), ("officer", 404), ("peja_secretary", 404)],
)
def test_others_are_refused_the_message_step(client, world, who, status):
    client.force_login(world[who])
    response = client.post(message_url(world["concern"]), {"message-text_sq": NEWS["sq"]})
    assert response.status_code == status
    assert not ConcernEvent.objects.filter(kind="public_update").exists()
    assert mail.outbox == []


def test_a_commander_reading_a_referred_concern_is_refused_the_message_step(client, world):
    concern = world["concern"]
    FollowUpActionFactory(concern=concern, council=world["council"], responsible_unit=world["unit"])
    client.force_login(world["commander"])
    assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 200
    response = client.post(message_url(concern), {"message-text_sq": NEWS["sq"]})
    assert response.status_code == 403


def test_the_member_is_not_offered_the_message_step(client, world):
    client.force_login(world["member"])
    response = client.get(reverse("concerns:detail", args=[world["concern"].pk]))
    assert "message" not in [t.name for t in response.context["transitions"]]
    assert 'name="message-text_sq"' not in response.content.decode()
