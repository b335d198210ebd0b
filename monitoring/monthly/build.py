"""Building the monthly figures of a council's months from its concerns and actions: one query
streams the facts of each concern (dates, status, whether it was reopened or its reporter told),
one those of each action; the rows are added up in Python and written in bulk. The same code
rebuilds, refreshes and checks."""

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery

from concerns.models import Concern, ConcernEvent
from councils.models import Council
from monitoring.models import ActionMonth, ConcernDuration, ConcernMonth
from monitoring.monthly import actions
from monitoring.periods import add_months
from policing.models import FollowUpAction, ProgressUpdate

logger = logging.getLogger(__name__)
Status = Concern.Status
Measure = ConcernDuration.Measure
Dimension = ConcernDuration.Dimension
COUNTS = ("received", "duplicates", "rejected", "resolved", "triaged_in_time", "told", "reopened")
BATCH = 5000

# A key of ConcernMonth: council, municipality, month, category, sensitive, channel, settlement.
# A key of ConcernDuration: council, municipality, month, sensitive, dimension, category,
# channel, settlement, measure, minutes.


def _facts(council_ids: Iterable[int], window: Q | None = None):
    rows = Concern.objects.filter(council_id__in=list(council_ids))
    if window is not None:
        rows = rows.filter(window)
    concern = OuterRef("pk")
    return (
        rows.annotate(
            first_action_at=Subquery(
                FollowUpAction.objects.filter(concern=concern)
                .order_by("created_at")
                .values("created_at")[:1]
            ),
            was_reopened=Exists(
                ConcernEvent.objects.filter(concern=concern, to_status=Status.REOPENED)
            ),
            was_told=ExpressionWrapper(
                ~Q(public_response={})
                | ~Q(rejection_reason={})
                | Exists(
                    ConcernEvent.objects.filter(concern=concern, is_public=True).exclude(
                        public_text={}
                    )
                )
                | Exists(ProgressUpdate.objects.filter(action__concern=concern, is_public=True)),
                output_field=BooleanField(),
            ),
        )
        .order_by()
        .values_list(
            "council_id",
            "municipality_id",
            "created_at",
            "category_id",
            "category__is_sensitive",
            "channel",
            "settlement_id",
            "status",
            "triaged_at",
            "resolved_at",
            "first_action_at",
            "was_reopened",
            "was_told",
        )
    )


def month_of(moment: datetime, zone) -> date:
    return moment.astimezone(zone).date().replace(day=1)


def month_window(months: Iterable[date], zone) -> Q:
    """Concerns received (actions created) in any of ``months`` (local to ``zone``)."""
    condition = Q(pk__in=[])
    for first in sorted(set(months)):
        start = datetime.combine(first, time.min, tzinfo=zone)
        end = datetime.combine(add_months(first, 1), time.min, tzinfo=zone)
        condition |= Q(created_at__gte=start, created_at__lt=end)
    return condition


def compute(facts, zones: dict) -> tuple[dict, Counter]:
    """(ConcernMonth counts by key, ConcernDuration counts by key) of the facts."""
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
    durations: Counter = Counter()
    in_time = timedelta(days=settings.CSC["TRIAGE_TARGET_DAYS"])
    for (
        council,
        municipality,
        created,
        category,
        sensitive,
        channel,
        settlement,
        status,
        triaged,
        resolved,
        first_action,
        reopened,
        told,
    ) in facts:
        month = month_of(created, zones[council])
        line = counts[(council, municipality, month, category, sensitive, channel, settlement)]
        line[0] += 1
        if status == Status.DUPLICATE:
            line[1] += 1
        elif status == Status.REJECTED:
            line[2] += 1
        elif triaged is not None and triaged <= created + in_time:
            line[4] += 1
        if status in (Status.RESOLVED, Status.CLOSED):
            line[3] += 1
        if told and status != Status.DUPLICATE:
            line[5] += 1
        if reopened:
            line[6] += 1
        base = (council, municipality, month, sensitive)
        for measure, end in (
            (Measure.TRIAGE, triaged),
            (Measure.ACTION, first_action),
            (Measure.RESOLUTION, resolved),
        ):
            if end is None:
                continue
            minutes = round((end - created).total_seconds() / 60)
            tail = (measure, minutes)
            durations[(*base, Dimension.ALL, None, "", None, *tail)] += 1
            durations[(*base, Dimension.CATEGORY, category, "", None, *tail)] += 1
            durations[(*base, Dimension.CHANNEL, None, channel, None, *tail)] += 1
            durations[(*base, Dimension.SETTLEMENT, None, "", settlement, *tail)] += 1
    return dict(counts), durations


def _write(counts: dict, durations: Counter) -> None:
    ConcernMonth.objects.bulk_create(
        (
            ConcernMonth(
                council_id=k[0],
                municipality_id=k[1],
                month=k[2],
                category_id=k[3],
                is_sensitive=k[4],
                channel=k[5],
                settlement_id=k[6],
                **dict(zip(COUNTS, values, strict=True)),
            )
            for k, values in counts.items()
        ),
        batch_size=BATCH,
    )
    ConcernDuration.objects.bulk_create(
        (
            ConcernDuration(
                council_id=k[0],
                municipality_id=k[1],
                month=k[2],
                is_sensitive=k[3],
                dimension=k[4],
                category_id=k[5],
                channel=k[6],
                settlement_id=k[7],
                measure=k[8],
                minutes=k[9],
                concerns=n,
            )
            for k, n in durations.items()
        ),
        batch_size=BATCH,
    )


def _zones(council_ids: Iterable[int]) -> dict:
    return {
        c.pk: c.zone
        for c in Council.objects.filter(pk__in=list(council_ids)).select_related("municipality")
    }


def refresh(keys: dict[int, set[date]]) -> None:
    """Rebuild the given months of the given councils ({council id: {first days}})."""
    zones = _zones(keys)
    for council_id, months in keys.items():
        if council_id not in zones or not months:
            continue
        with transaction.atomic():
            # Refreshes of one council wait for each other: none reads rows another deletes.
            list(Council.objects.select_for_update().filter(pk=council_id).values_list("pk"))
            window = month_window(months, zones[council_id])
            ConcernMonth.objects.filter(council_id=council_id, month__in=months).delete()
            ConcernDuration.objects.filter(council_id=council_id, month__in=months).delete()
            ActionMonth.objects.filter(council_id=council_id, month__in=months).delete()
            facts = _facts([council_id], window)
            counts, durations = compute(facts.iterator(chunk_size=BATCH), zones)
            _write(counts, durations)
            actions.write(actions.compute(actions.facts([council_id], window), zones))


def rebuild(council_ids: Iterable[int] | None = None) -> int:
    """Rebuild every month of the councils (all by default); returns the concerns read."""
    if council_ids is None:
        council_ids = Council.objects.values_list("pk", flat=True)
    zones = _zones(council_ids)
    read = 0
    for council_id in sorted(zones):
        with transaction.atomic():
            list(Council.objects.select_for_update().filter(pk=council_id).values_list("pk"))
            ConcernMonth.objects.filter(council_id=council_id).delete()
            ConcernDuration.objects.filter(council_id=council_id).delete()
            ActionMonth.objects.filter(council_id=council_id).delete()
            facts = list(_facts([council_id]).iterator(chunk_size=BATCH))
            read += len(facts)
            _write(*compute(facts, zones))
            actions.write(actions.compute(actions.facts([council_id]), zones))
    return read


def _stored(council_id: int) -> tuple[dict, Counter]:
    counts = {
        tuple(r[:7]): list(r[7:])
        for r in ConcernMonth.objects.filter(council_id=council_id).values_list(
            "council_id",
            "municipality_id",
            "month",
            "category_id",
            "is_sensitive",
            "channel",
            "settlement_id",
            *COUNTS,
        )
    }
    durations = Counter(
        {
            tuple(r[:10]): r[10]
            for r in ConcernDuration.objects.filter(council_id=council_id).values_list(
                "council_id",
                "municipality_id",
                "month",
                "is_sensitive",
                "dimension",
                "category_id",
                "channel",
                "settlement_id",
                "measure",
                "minutes",
                "concerns",
            )
        }
    )
    return counts, durations


def drift(council_ids: Iterable[int] | None = None) -> dict[int, set[date]]:
    """The (council, month) keys whose stored rows differ from a recomputation."""
    if council_ids is None:
        council_ids = Council.objects.values_list("pk", flat=True)
    zones = _zones(council_ids)
    found: dict[int, set[date]] = {}
    for council_id in sorted(zones):
        expected = (
            *compute(_facts([council_id]).iterator(chunk_size=BATCH), zones),
            actions.compute(actions.facts([council_id]), zones),
        )
        stored = (*_stored(council_id), actions.stored(council_id))
        months = set()
        for want, have in zip(expected, stored, strict=True):
            for key in set(want) | set(have):
                if want.get(key) != have.get(key):
                    months.add(key[2])
        if months:
            found[council_id] = months
    return found


def check_and_repair(*, repair: bool = True) -> dict[int, set[date]]:
    """What the nightly task runs: the drifted keys, logged, and rebuilt when ``repair``."""
    found = drift()
    for council_id, months in found.items():
        logger.warning(
            "monthly concern figures drifted for council %s in %s%s",
            council_id,
            ", ".join(m.strftime("%Y-%m") for m in sorted(months)),
            "; repaired" if repair else "",
        )
    if repair and found:
        refresh(found)
    return found
