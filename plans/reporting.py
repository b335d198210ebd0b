"""The "Safety action plan" section of a council's periodic report, as plain data.

The report keeps this data (it is frozen with the report's figures when the secretary signs),
so it holds only what any reader of a report may see: the plan as the council adopted it
(never a draft being revised), who is responsible (police units and partner bodies), dates,
indicators and counts. Never an action's title, a concern, a person or an indicator value's
source: actions may come from concerns of sensitive categories, and national readers read
every council's reports.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from plans import selectors
from plans.selectors import ActivityProgress, State, derive_progress, mean_percent

# The order a report lists the activities' states in.
STATES = (State.DONE, State.UNDER_WAY, State.DUE, State.LATE, State.NOT_STARTED)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _stored_number(value: str | None) -> str | None:
    return None if value is None else _number(Decimal(value))


def _activity_row(objective: dict, activity: dict, progress: ActivityProgress) -> dict:
    return {
        "number": f"{objective['position']}.{activity['position']}",
        "title": activity["title"],
        "responsible": {
            "name": activity["responsible"]["name"],
            "translations": activity["responsible"].get("translations") or {},
        },
        "starts_on": activity["starts_on"],
        "ends_on": activity["ends_on"],
        "indicator": activity.get("indicator") or {},
        "baseline": _stored_number(activity.get("baseline")),
        "target": _stored_number(activity.get("target")),
        "latest_value": _number(progress.latest_value),
        "latest_on": progress.latest_on.isoformat() if progress.latest_on else None,
        "actions_total": progress.actions_total,
        "actions_verified": progress.actions_verified,
        "percent": progress.percent,
        "state": progress.state,
    }


def plan_section(council, start: date, end: date) -> dict | None:
    """The council's adopted plan for the period with each activity's progress at the end of
    the period (or today, for a period not over yet); None when it has no adopted plan.

    The structure and texts are the latest adopted revision's; the progress comes from
    ``selectors.plan_progress`` for the same period. An activity a revision in draft removed
    still counts, with nothing recorded, as the adopted plan has it.
    """
    progress = selectors.plan_progress(council, (start, end))
    if progress is None:
        return None
    plan = progress.plan
    revision = plan.revisions.order_by("-number").first()
    if revision is None:  # adopted plans always have one; a broken row shows nothing
        return None
    content = revision.content
    live = {a.pk: a.progress for a in progress.activities}
    today = min(end, timezone.localdate())
    objectives = []
    every = []
    for objective in content["objectives"]:
        rows = []
        progresses = []
        for activity in objective["activities"]:
            found = live.get(activity["id"])
            if found is None:
                found = derive_progress(
                    activity_id=activity["id"],
                    starts_on=date.fromisoformat(activity["starts_on"]),
                    ends_on=date.fromisoformat(activity["ends_on"]),
                    actions_total=0,
                    actions_verified=0,
                    baseline=None,
                    target=None,
                    latest_value=None,
                    today=today,
                )
            progresses.append(found)
            rows.append(_activity_row(objective, activity, found))
        every.extend(progresses)
        objectives.append(
            {
                "number": str(objective["position"]),
                "title": objective["title"],
                "percent": mean_percent(progresses),
                "activities": rows,
            }
        )
    activities = [row for objective in objectives for row in objective["activities"]]
    under_revision = plan.is_under_revision
    return {
        "plan_id": plan.pk,
        "title": content["title"],
        "starts_on": content["starts_on"],
        "ends_on": content["ends_on"],
        "revision": revision.number,
        "adopted_on": revision.created_at.astimezone(plan.zone).date().isoformat(),
        "under_revision": under_revision,
        "submitted_on": (
            plan.submitted_on.isoformat() if plan.submitted_on and not under_revision else None
        ),
        "approved_on": (
            plan.approved_on.isoformat() if plan.approved_on and not under_revision else None
        ),
        "assembly_reference": plan.assembly_reference if not under_revision else "",
        "percent": mean_percent(every),
        "states": [
            {"state": state, "count": sum(1 for a in activities if a["state"] == state)}
            for state in STATES
        ],
        "objectives": objectives,
        "late": [a for a in activities if a["state"] == State.LATE],
    }
