"""The data: the demo, then concerns (and follow-up actions) in bulk with INSERT … SELECT."""

import time

SEARCH_TEXT = "graffiti bridge"
DOMAIN_WORDS = [
    "speeding",
    "school",
    "lights",
    "broken",
    "dogs",
    "park",
    "drugs",
    "night",
    "fight",
    "graffiti",
    "road",
    "bridge",
    "car",
    "noise",
    "youth",
    "police",
    "market",
    "bus",
    "stop",
    "river",
    "fire",
    "theft",
    "shop",
    "window",
    "garden",
    "street",
    "crossing",
    "children",
    "field",
    "mosque",
    "church",
    "bar",
    "alcohol",
]


# --- The data: the demo, then concerns in bulk ---------------------------------------------------

FILL_SQL = """
INSERT INTO concerns_concern (
    reference, tracking_token_hash, tracking_code_hash, municipality_id, council_id, category_id, description,
    occurred_at, settlement_id, address, latitude, longitude, channel, language, is_anonymous,
    reporter_name, reporter_phone, reporter_email, consent_to_contact, priority, status,
    public_response, rejection_reason, duplicate_of_id, submission_key, entered_by_id,
    created_at, updated_at, triaged_at, resolved_at, closed_at)
SELECT
    m.code || '-B-' || lpad(g::text, 7, '0'),
    encode(sha256(('bench' || g)::bytea), 'hex'), '',
    m.municipality_id, m.council_id,
    (%(categories)s::bigint[])[1 + g %% cardinality(%(categories)s::bigint[])],
    (SELECT string_agg(w.words[1 + abs(hashint4(g * 31 + k)) %% cardinality(w.words)], ' ')
       FROM generate_series(1, 20) k WHERE g > 0),
    NULL,
    CASE WHEN cardinality(m.settlements) > 0 AND g %% 3 > 0
         THEN m.settlements[1 + (g / 3) %% cardinality(m.settlements)] END,
    '', NULL, NULL,
    (ARRAY['web', 'phone', 'meeting', 'walk_in', 'open311', 'local_council'])[1 + g %% 6],
    'sq', g %% 4 = 0, '', '', '', false,
    (ARRAY['low', 'normal', 'normal', 'high', 'urgent'])[1 + g %% 5],
    s.status,
    '{}'::jsonb,
    CASE WHEN s.status = 'rejected' THEN '{"sq": "Outside the council''s remit."}'::jsonb
         ELSE '{}'::jsonb END,
    NULL, md5('bench-key' || g)::uuid, NULL,
    now() - ((g::bigint * 7919) %% (540 * 86400)) * interval '1 second',
    now() - ((g::bigint * 7919) %% (540 * 86400)) * interval '1 second',
    NULL, NULL, NULL
FROM generate_series(%(first)s, %(last)s) g
CROSS JOIN LATERAL (
    SELECT * FROM bench_councils b WHERE b.slot = g %% (SELECT count(*) FROM bench_councils)
) m
CROSS JOIN LATERAL (
    SELECT (ARRAY['new', 'triaged', 'on_agenda', 'in_action', 'resolved', 'resolved',
                  'closed', 'closed', 'closed', 'rejected'])[1 + (g / 7) %% 10] AS status
) s
CROSS JOIN (SELECT %(words)s::text[] AS words) w
"""

EVENTS_SQL = """
INSERT INTO concerns_concernevent (concern_id, kind, actor_id, from_status, to_status, note,
                                   is_public, created_at, public_text)
SELECT id, 'submitted', NULL, '', 'new', '', true, created_at, '{}'::jsonb
FROM concerns_concern WHERE reference LIKE '%%-B-%%' AND id > %(after)s
"""


def vocabulary() -> list[str]:
    """Forty common words (each in ~1 description in 7) among 2 000 rare ones."""
    import random

    rng = random.Random(2026)
    syllables = [
        "ka",
        "ri",
        "mo",
        "ve",
        "lu",
        "sa",
        "te",
        "no",
        "pi",
        "da",
        "ro",
        "bi",
        "ze",
        "fa",
        "gu",
    ]
    rare = {"".join(rng.sample(syllables, 3)) + str(i % 7) for i in range(2000)}
    return DOMAIN_WORDS * 25 + sorted(rare)


# One of vocabulary()'s rare words (in ~1 description in 140, a common one in ~1 in 6): a page
# of its matches reaches further back into the history.
RARE_WORD = vocabulary()[-1]


def fill(target: int) -> float:
    """Bring the database to ``target`` concerns; returns the seconds it took."""
    from django.db import connection

    from concerns.models import Category, Concern
    from councils.models import Council, Settlement

    existing = Concern.objects.count()
    if existing >= target:
        return 0.0
    started = time.perf_counter()
    councils = list(
        Council.objects.filter(level=Council.Level.MUNICIPAL)
        .select_related("municipality")
        .order_by("municipality__code")
    )
    # Istog gets half of the concerns: its secretary's inbox is the one measured.
    weighted = [c for c in councils if c.municipality.code == "IST"] * (len(councils) - 1)
    weighted += [c for c in councils if c.municipality.code != "IST"]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_councils (slot int, code text, municipality_id bigint,"
            " council_id bigint, settlements bigint[])"
        )
        for slot, council in enumerate(weighted):
            settlements = list(
                Settlement.objects.filter(municipality=council.municipality).values_list(
                    "pk", flat=True
                )
            )
            cursor.execute(
                "INSERT INTO bench_councils VALUES (%s, %s, %s, %s, %s::bigint[])",
                [slot, council.municipality.code, council.municipality_id, council.pk, settlements],
            )
        cursor.execute("SELECT coalesce(max(id), 0) FROM concerns_concern")
        (after,) = cursor.fetchone()
        cursor.execute(
            "SELECT coalesce(max(substring(reference from '-B-(\\d+)$')::int), 0) "
            "FROM concerns_concern WHERE reference LIKE '%%-B-%%'"
        )
        (first,) = cursor.fetchone()
        first += 1
        categories = list(Category.objects.values_list("pk", flat=True))
        words = vocabulary()
        missing = target - existing
        # Building an index once is far quicker than updating it row by row (the full-text ones
        # above all): drop the plain indexes for the load, rebuild them as they were.
        rebuilt = _drop_plain_indexes(cursor, ["concerns_concern", "concerns_concernevent"])
        for start in range(first, first + missing, 200_000):
            last = min(start + 200_000, first + missing) - 1
            cursor.execute(
                FILL_SQL,
                {"first": start, "last": last, "categories": categories, "words": words},
            )
        cursor.execute(EVENTS_SQL, {"after": after})
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for definition in rebuilt:
            cursor.execute(definition)
        cursor.execute("DROP TABLE bench_councils")
    with connection.cursor() as cursor:
        # Index-only scans need the visibility map; the planner needs statistics.
        cursor.execute("VACUUM ANALYZE concerns_concern")
        cursor.execute("VACUUM ANALYZE concerns_concernevent")
    return time.perf_counter() - started


def _drop_plain_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the tables' indexes that back no constraint; return their definitions."""
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        [tables],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in indexes]


def _with_events(concern, count: int, *, public_only: bool):
    from concerns.models import ConcernEvent

    have = concern.events.count()
    ConcernEvent.objects.bulk_create(
        ConcernEvent(
            concern=concern,
            kind=ConcernEvent.Kind.NOTE
            if (i % 2 and not public_only)
            else ConcernEvent.Kind.COMMENT,
            note=f"Bench event {i}: the lights on the bridge were checked again.",
            is_public=public_only or i % 2 == 0,
        )
        for i in range(have, count)
    )
    return concern


ACTIONS = 300_000


def fill_actions(target: int = ACTIONS) -> float:
    """Bring the database to ``target`` follow-up actions for Istog's and Peja's councils, units
    and partner bodies (bench/bench_actions.py's INSERT … SELECT: a tenth still open, due dates
    over 18 months); returns the seconds it took."""
    from django.db import connection

    from bench.bench_actions import FILL, status_case
    from councils.models import Council
    from policing.models import FollowUpAction, Officer, PartnerBody, PoliceUnit

    existing = FollowUpAction.objects.count()
    if existing >= target:
        return 0.0
    started = time.perf_counter()

    def council(code):
        return Council.objects.get(level=Council.Level.MUNICIPAL, municipality__code=code)

    def padded(ids, size):
        return [ids[i % len(ids)] for i in range(size)]

    ist_station = PoliceUnit.objects.get(municipality__code="IST", parent__isnull=True)
    ist_unit = PoliceUnit.objects.filter(parent=ist_station).first() or ist_station
    pej_station = PoliceUnit.objects.get(municipality__code="PEJ", parent__isnull=True)
    officers = {
        code: list(
            Officer.objects.filter(unit__municipality__code=code, is_active=True).values_list(
                "pk", flat=True
            )
        )
        for code in ("IST", "PEJ")
    }
    bodies = {
        code: list(PartnerBody.objects.filter(municipality__code=code).values_list("pk", flat=True))
        for code in ("IST", "PEJ")
    }
    sql = FILL.format(status_case=status_case())
    with connection.cursor() as cursor:
        for first in range(existing + 1, target + 1, 100_000):
            cursor.execute(
                sql,
                {
                    "first": first,
                    "last": min(first + 100_000 - 1, target),
                    "ist_council": council("IST").pk,
                    "pej_council": council("PEJ").pk,
                    "ist_station": ist_station.pk,
                    "ist_unit": ist_unit.pk,
                    "pej_station": pej_station.pk,
                    "ist_bodies": padded(bodies["IST"], 3),
                    "pej_body": bodies["PEJ"][0],
                    "ist_officers": padded(officers["IST"], 8),
                    "pej_officers": padded(officers["PEJ"], 4),
                    "commander": ist_station.commander_id,
                },
            )
        cursor.execute("VACUUM ANALYZE policing_followupaction")
    return time.perf_counter() - started
