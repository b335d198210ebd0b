"""The resident's tracking page in blocks, public texts in the official languages, status
explanations in the page and the emails."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from concerns import services
from concerns.explanations import STATUS_EXPLANATIONS, explain_status
from concerns.models import Concern, ConcernEvent
from concerns.references import tracking_token_for
from policing.models import FollowUpAction
from tests.factories import (
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MunicipalityFactory,
    SettlementFactory,
    secretary_of,
)

pytestmark = pytest.mark.django_db

RESPONSE = {
    "sq": "Komuna vendosi llamba të reja në rrugë.",
    "sr-latn": "Opština je postavila nove lampe u ulici.",
}


@pytest.fixture
def istok():
    municipality = MunicipalityFactory(
        code="IST", name="Istog", official_languages=["sq", "sr-latn"]
    )
    council = CouncilFactory(municipality=municipality, name="MCSC Istog")
    return municipality, council, secretary_of(council, "secretary.istok")


def track(client, concern, language="en"):
    url = reverse(
        "public:track_concern", args=[concern.reference, tracking_token_for(concern.submission_key)]
    )
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_every_status_has_a_meaning_and_a_next_step():
    assert set(STATUS_EXPLANATIONS) == set(Concern.Status.values)
    for explanation in STATUS_EXPLANATIONS.values():
        assert str(explanation.meaning) and str(explanation.next_step)


def test_the_page_shows_the_residents_own_words_the_status_and_what_happens_next(client, istok):
    _, council, _ = istok
    concern = ConcernFactory(
        council=council,
        status=Concern.Status.ON_AGENDA,
        description="The crossing by the school has no lights.",
        address="Rruga e Shkollës",
    )
    body = track(client, concern)
    explanation = explain_status(Concern.Status.ON_AGENDA)
    translation.activate("en")
    for block in ('id="status"', 'id="your-report"', 'id="history"'):
        assert block in body
    assert "The crossing by the school has no lights." in body
    assert str(explanation.meaning) in body
    assert str(explanation.next_step) in body
    assert "Rruga e Shkollës" in body
    assert concern.reporter_name not in body


def test_the_place_is_named_once_when_the_settlement_is_named_like_its_municipality(client, istok):
    municipality, council, _ = istok
    town = SettlementFactory(municipality=municipality, name="Istog")
    village = SettlementFactory(municipality=municipality, name="Gurrakoc")
    body = track(client, ConcernFactory(council=council, settlement=town))
    assert "Istog, Istog" not in body
    assert '<dd id="place">Istog</dd>' in body
    body = track(client, ConcernFactory(council=council, settlement=village))
    assert '<dd id="place">Gurrakoc, Istog</dd>' in body


def test_the_response_is_shown_in_the_readers_language(client, istok):
    _, council, secretary = istok
    concern = ConcernFactory(council=council, status=Concern.Status.TRIAGED)
    services.resolve_concern(concern, by=secretary, public_response=RESPONSE)
    body = track(client, concern, "sr-latn")
    assert RESPONSE["sr-latn"] in body and RESPONSE["sq"] not in body
    body = track(client, concern, "sq")
    assert RESPONSE["sq"] in body and RESPONSE["sr-latn"] not in body


def test_a_reader_of_another_language_sees_the_first_official_one_marked(client, istok):
    _, council, secretary = istok
    concern = ConcernFactory(council=council, status=Concern.Status.TRIAGED)
    services.resolve_concern(concern, by=secretary, public_response=RESPONSE)
    body = track(client, concern, "en")
    assert RESPONSE["sq"] in body
    assert "(in Albanian)" in body
    assert 'lang="sq"' in body


def test_a_rejection_reason_is_given_in_the_official_languages(client, istok):
    _, council, secretary = istok
    concern = ConcernFactory(council=council)
    services.reject_concern(
        concern,
        by=secretary,
        reason={"sq": "Mosmarrëveshje private.", "sr-latn": "Privatni spor."},
    )
    body = track(client, concern, "sr-latn")
    assert "Privatni spor." in body
    assert "Mosmarrëveshje private." not in body


def test_a_plain_text_from_an_older_caller_is_kept_in_the_first_official_language(istok):
    _, council, secretary = istok
    concern = ConcernFactory(council=council, status=Concern.Status.TRIAGED)
    services.resolve_concern(concern, by=secretary, public_response="  Done.  ")
    concern.refresh_from_db()
    assert concern.public_response == {"sq": "Done."}
    event = concern.events.get(to_status=Concern.Status.RESOLVED)
    assert event.public_text == {"sq": "Done."}


def test_the_status_email_says_what_the_status_means_and_what_happens_next(
    istok, django_capture_on_commit_callbacks
):
    _, council, secretary = istok
    concern = ConcernFactory(council=council, language="en", status=Concern.Status.TRIAGED)
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_concern(concern, by=secretary, public_response=RESPONSE)
    [message] = mail.outbox
    explanation = explain_status(Concern.Status.RESOLVED)
    with translation.override("en"):  # the reporter's language, whatever a request left active
        assert str(explanation.meaning) in message.body
        assert f"What happens next: {explanation.next_step}" in message.body
    assert f"(in Albanian)\n{RESPONSE['sq']}" in message.body


def test_the_status_email_gives_the_response_in_the_reporters_language(
    istok, django_capture_on_commit_callbacks
):
    _, council, secretary = istok
    concern = ConcernFactory(council=council, language="sr-latn", status=Concern.Status.TRIAGED)
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_concern(concern, by=secretary, public_response=RESPONSE)
    [message] = mail.outbox
    assert RESPONSE["sr-latn"] in message.body
    assert RESPONSE["sq"] not in message.body
    assert "(in " not in message.body


def test_the_duplicate_note_reaches_the_reporter_in_their_language(
    istok, django_capture_on_commit_callbacks
):
    _, council, secretary = istok
    original = ConcernFactory(council=council)
    concern = ConcernFactory(council=council, language="sr-latn")
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_duplicate(
            concern,
            by=secretary,
            original=original,
            note={"sq": "Raportuar më herët.", "sr-latn": "Ranije prijavljeno."},
        )
    [message] = mail.outbox
    assert "Ranije prijavljeno." in message.body
    assert original.reference in message.body


def test_the_tracking_page_costs_the_same_queries_with_more_history(
    client, istok, django_assert_max_num_queries
):
    _, council, secretary = istok
    concern = ConcernFactory(council=council, status=Concern.Status.TRIAGED)

    def grow():
        services.post_public_update(concern, by=secretary, text=RESPONSE)
        services.add_internal_note(concern, by=secretary, text="Staff-only remark")
        FollowUpActionFactory(
            concern=concern,
            council=council,
            is_public=True,
            public_summary="Patrols at night",
            status=FollowUpAction.Status.IN_PROGRESS,
        )

    grow()
    with django_assert_max_num_queries(12) as few:
        track(client, concern)
    for _ in range(5):
        grow()
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = track(client, concern)
    assert body.count("Message from the council") == 6
    assert body.count("Patrols at night") == 6
    assert "Staff-only remark" not in body


def test_internal_notes_never_reach_the_tracking_page_as_public_text(istok):
    _, council, secretary = istok
    concern = ConcernFactory(council=council)
    services.add_internal_note(concern, by=secretary, text="Sensitive remark")
    assert (
        not ConcernEvent.objects.filter(concern=concern, is_public=True)
        .exclude(public_text={})
        .exists()
    )
