"""Choice labels come from a dictionary per field and language: still in the active one."""

from django.utils import translation

from concerns.models import Concern
from policing.models import FollowUpAction


def test_status_labels_follow_the_active_language():
    concern = Concern(status=Concern.Status.TRIAGED)
    with translation.override("en"):
        assert concern.get_status_display() == "Triaged"
    with translation.override("sq"):
        assert concern.get_status_display() == "I shqyrtuar"
    with translation.override("en"):
        assert concern.get_status_display() == "Triaged"


def test_a_value_that_is_not_a_choice_is_shown_as_it_is():
    assert Concern(status="mystery").get_status_display() == "mystery"
    assert FollowUpAction(priority=None).get_priority_display() is None
