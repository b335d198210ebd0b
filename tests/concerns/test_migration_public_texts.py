"""Migration 0009 keeps the texts written before in one language readable."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("concerns", "0008_open_by_council_index")
AFTER = ("concerns", "0009_public_texts_in_official_languages")


def migrate(target):
    """The database at ``target``: concerns there, and every other app as far as it goes
    without a later concerns migration (those that need one are unapplied with it)."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


@pytest.mark.django_db(transaction=True)
def test_old_single_language_texts_move_into_the_first_official_language():
    old = migrate(BEFORE)
    Municipality = old.get_model("councils", "Municipality")
    Council = old.get_model("councils", "Council")
    Category = old.get_model("concerns", "Category")
    Concern = old.get_model("concerns", "Concern")
    ConcernEvent = old.get_model("concerns", "ConcernEvent")
    municipality = Municipality.objects.create(
        code="IST", name="Istog", official_languages=["sr-latn", "sq"]
    )
    council = Council.objects.create(municipality=municipality, level="municipal", name="MCSC")
    category = Category.objects.create(code="other", name="Other")
    concern = Concern.objects.create(
        reference="IST-2026-00001",
        tracking_token_hash="x" * 64,
        municipality=municipality,
        council=council,
        category=category,
        description="d",
        channel="web",
        language="sq",
        status="rejected",
        rejection_reason="Privatni spor.",
        public_response="",
    )
    ConcernEvent.objects.create(
        concern=concern, kind="status", to_status="rejected", note="Privatni spor.", is_public=True
    )
    ConcernEvent.objects.create(concern=concern, kind="note", note="Internal", is_public=False)
    try:
        new = migrate(AFTER)
        concern = new.get_model("concerns", "Concern").objects.get(pk=concern.pk)
        assert concern.rejection_reason == {"sr-latn": "Privatni spor."}
        assert concern.public_response == {}
        events = new.get_model("concerns", "ConcernEvent").objects.order_by("id")
        public, internal = list(events.filter(concern_id=concern.pk))
        assert (public.note, public.public_text) == ("", {"sr-latn": "Privatni spor."})
        assert (internal.note, internal.public_text) == ("Internal", {})
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
