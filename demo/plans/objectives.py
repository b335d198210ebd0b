"""The plan's objectives and activities, and how the year carried them out: the council's
follow-up actions linked to activities and the indicator values the secretary recorded."""

from datetime import date, timedelta
from decimal import Decimal

from demo.plans.decisions import both
from demo.world import World
from plans import services
from plans.models import SafetyPlan
from policing.models import FollowUpAction

# (objective, [(activity, responsible, start month, end month, indicator, baseline, target)])
# responsible: "police", "community" (the community policing unit) or a partner body key.
OBJECTIVES = [
    (
        both("Rrugë dhe shkolla më të sigurta", "Bezbednije ulice i škole"),
        [
            (
                both(
                    "Patrulla në hyrje të shkollave në orët e mësimit",
                    "Patrole ispred škola tokom nastave",
                ),
                "community",
                1,
                6,
                both("Shkolla me patrullë të rregullt", "Škole s redovnom patrolom"),
                2,
                9,
            ),
            (
                both(
                    "Sinjalizimi i kalimeve për këmbësorë pranë shkollave",
                    "Obeležavanje pešačkih prelaza kod škola",
                ),
                "roads",
                3,
                None,
                both("Kalime të sinjalizuara", "Obeleženi prelazi"),
                4,
                16,
            ),
            (
                both(
                    "Ligjërata për sigurinë në trafik në shkollat fillore",
                    "Predavanja o bezbednosti u saobraćaju u osnovnim školama",
                ),
                "education",
                2,
                5,
                both("Ligjërata të mbajtura", "Održana predavanja"),
                0,
                12,
            ),
        ],
    ),
    (
        both("Ndriçim dhe hapësira publike të sigurta", "Osvetljenje i bezbedni javni prostori"),
        [
            (
                both(
                    "Riparimi i ndriçimit publik në rrugët kryesore",
                    "Popravka javne rasvete na glavnim ulicama",
                ),
                "public-services",
                1,
                None,
                both("Llamba funksionale (%)", "Ispravne svetiljke (%)"),
                61,
                95,
            ),
            (
                both(
                    "Ndriçimi i parkut të qytetit dhe stacionit të autobusëve",
                    "Osvetljenje gradskog parka i autobuske stanice",
                ),
                "public-services",
                4,
                9,
                both("Pika të ndriçuara", "Osvetljene tačke"),
                0,
                24,
            ),
        ],
    ),
    (
        both(
            "Parandalimi i drogës dhe i dhunës tek të rinjtë",
            "Prevencija droga i nasilja među mladima",
        ),
        [
            (
                both(
                    "Kontrolle të përbashkëta pranë lokaleve dhe parkut",
                    "Zajedničke kontrole kod lokala i parka",
                ),
                "police",
                1,
                12,
                both("Kontrolle në muaj", "Kontrole mesečno"),
                2,
                8,
            ),
            (
                both(
                    "Këshillim për prindërit në tri shkolla të mesme",
                    "Savetovanje roditelja u tri srednje škole",
                ),
                "education",
                5,
                None,
                both("Takime me prindër", "Sastanci s roditeljima"),
                0,
                6,
            ),
        ],
    ),
    (
        both("Besim ndërmjet komuniteteve dhe policisë", "Poverenje između zajednica i policije"),
        [
            (
                both("Takime publike në fshatrat me kthim", "Javni sastanci u povratničkim selima"),
                "community",
                2,
                11,
                both("Takime publike", "Javni sastanci"),
                1,
                8,
            ),
            (
                both(
                    "Zyrtar policor kontaktues për çdo komunitet",
                    "Kontakt policajac za svaku zajednicu",
                ),
                "police",
                1,
                3,
                both("Komunitete me zyrtar kontaktues", "Zajednice s kontakt policajcem"),
                1,
                4,
            ),
        ],
    ),
]


def add_objectives(world: World, plan: SafetyPlan, secretary) -> list:
    year = plan.starts_on.year
    today = world.today
    rows = []
    for title, activities in OBJECTIVES:
        objective = services.add_objective(plan, by=secretary, title=title)
        for text, who, start, end, indicator, baseline, target in activities:
            ends_on = (
                date(year, end, 28)
                if end is not None
                else date(today.year, today.month, 27 if today.day < 27 else today.day)
            )
            rows.append(
                services.add_activity(
                    objective,
                    by=secretary,
                    title=text,
                    starts_on=date(year, start, 1),
                    ends_on=max(ends_on, date(year, start, 1)),
                    budget_line=f"Municipal budget {year}, 13100" if who != "police" else "",
                    budget_amount=Decimal(4500) if who in ("public-services", "roads") else None,
                    indicator=indicator,
                    baseline=Decimal(baseline),
                    target=Decimal(target),
                    **_responsible(world, plan, who),
                )
            )
    return rows


def _responsible(world: World, plan: SafetyPlan, who: str) -> dict:
    if who == "police":
        return {"responsible_unit": world.places.station_of("IST")}
    if who == "community":
        return {"responsible_unit": world.places.units["Community Policing Unit"]}
    return {"responsible_body": world.body_for(plan.council, who)}


def carry_out(world: World, plan: SafetyPlan, activities: list, secretary, *, since) -> None:
    """Link the council's actions to activities and record indicator values over the year."""
    actions = list(
        FollowUpAction.objects.filter(
            council=plan.council, created_at__gte=since - timedelta(days=60)
        )
        .exclude(status=FollowUpAction.Status.CANCELLED)
        .order_by("created_at")[: len(activities) * 2]
    )
    # Share of the way to the target each activity reached by now: some done, some far behind.
    reached = [1.0, 0.5, 0.25, 0.7, 0.1, 0.6, 0.0, 0.9, 1.0]
    # A finished activity gets only verified actions, so it shows as done.
    finished = {i for i, share in enumerate(reached) if share >= 1}
    open_targets = [i for i in range(len(activities)) if i not in finished]
    for index, action in enumerate(actions):
        target = index % len(activities)
        if target in finished and action.status != FollowUpAction.Status.VERIFIED:
            target = open_targets[index % len(open_targets)]
        services.link_action(activities[target], by=secretary, action=action)
    today = world.today
    for activity, share in zip(activities, reached, strict=False):
        start = max(activity.starts_on, since.date())
        span = max((today - start).days, 1)
        for step in (1, 2, 3):
            measured_on = start + timedelta(days=span * step // 3)
            value = activity.baseline + (activity.target - activity.baseline) * Decimal(
                share * step / 3
            )
            services.record_indicator_value(
                activity,
                by=secretary,
                value=value.quantize(Decimal(1)),
                measured_on=min(measured_on, today),
                source="Police monthly report" if activity.responsible_unit_id else "Directorate",
            )
