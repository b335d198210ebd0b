"""Plain-text emails are not HTML: what staff and residents type arrives as typed, so "&" is
never "&amp;" in a resident's mailbox."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from concerns import services
from concerns.models import Concern
from tests.factories import ConcernFactory, CouncilFactory, secretary_of

pytestmark = pytest.mark.django_db

TRICKY = 'Lights & cameras: <fixed> by "Monday"'
ROOT = Path(settings.BASE_DIR)


def email_text_templates() -> list[Path]:
    return sorted(
        path for path in ROOT.glob("*/templates/**/email/*.txt") if ".venv" not in path.parts
    )


def test_the_project_has_plain_text_email_templates():
    assert len(email_text_templates()) >= 6


@pytest.mark.parametrize("path", email_text_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_plain_text_email_template_turns_autoescape_off(path):
    text = path.read_text()
    assert "{% autoescape off %}" in text and text.rstrip().endswith("{% endautoescape %}"), (
        f"{path.relative_to(ROOT)}: wrap the text in {{% autoescape off %}}…{{% endautoescape %}}"
    )


def test_status_email_keeps_ampersands_and_angle_brackets_as_typed(
    django_capture_on_commit_callbacks,
):
    council = CouncilFactory()
    concern = ConcernFactory(
        council=council,
        reporter_email="drita@example.org",
        consent_to_contact=True,
        public_response={"sq": TRICKY},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_concern(concern, by=secretary_of(council), reason=TRICKY)

    [message] = mail.outbox
    assert Concern.objects.get(pk=concern.pk).status == Concern.Status.REJECTED
    assert message.body.count(TRICKY) == 2
    assert "&amp;" not in message.body and "&lt;" not in message.body
    assert "&quot;" not in message.body and "&#x27;" not in message.body


def test_acknowledgement_keeps_an_ampersand_in_the_council_name(
    django_capture_on_commit_callbacks,
):
    council = CouncilFactory(name="Safety & Trust <Istog>")
    concern = ConcernFactory(council=council, reporter_email="drita@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_reporter_email(concern, "acknowledgement")

    [message] = mail.outbox
    assert "Safety & Trust <Istog>" in message.body
