"""Istog's safety action plan and its public priorities.

The plan was adopted at the first published meeting of the year, submitted to the Municipal
Assembly and approved; its activities are carried out by follow-up actions of the council
(linked here) and measured by values the secretary recorded, so its progress page and its
public page have something to show: done, under way, due this month and late. Two priorities
set at later meetings are public with dated updates; an older one is closed with its outcome.
Written with the services (the rules hold), then backdated to the meetings they belong to.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from concerns.models import Concern
from councils.models import AgendaItem, Decision, Meeting
from councils.services.agenda import add_plan_items
from demo.world import World
from plans import services
from plans.models import PlanEvent, PlanRevision, Priority, PriorityUpdate, SafetyPlan
from policing.models import FollowUpAction


def both(sq: str, sr: str) -> dict:
    return {"sq": sq, "sr-latn": sr}


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

PRIORITIES = [
    {
        "months_ago": 5,
        "title": both(
            "Shitja e drogës pranë parkut të qytetit", "Prodaja droge kod gradskog parka"
        ),
        "commitment": both(
            "Policia rrit patrullat në mbrëmje; komuna ndriçon parkun; shkollat organizojnë takime me prindër.",
            "Policija pojačava večernje patrole; opština osvetljava park; škole organizuju sastanke s roditeljima.",
        ),
        "settlements": ["Istog"],
        "updates": [
            (
                -150,
                both(
                    "Patrullat e mbrëmjes filluan çdo ditë nga ora 19 deri në 23.",
                    "Večernje patrole počele su svakog dana od 19 do 23 časa.",
                ),
            ),
            (
                -95,
                both(
                    "U vendosën 12 llamba të reja në park; dy persona u arrestuan për shitje droge.",
                    "Postavljeno je 12 novih svetiljki u parku; dve osobe uhapšene zbog prodaje droge.",
                ),
            ),
            (
                -20,
                both(
                    "Banorët raportojnë më pak grumbullime në mbrëmje; patrullat vazhdojnë deri në fund të vitit.",
                    "Građani prijavljuju manje okupljanja uveče; patrole se nastavljaju do kraja godine.",
                ),
            ),
        ],
        "outcome": None,
    },
    {
        "months_ago": 2,
        "title": both(
            "Shpejtësia e lartë në rrugën Istog–Banjë", "Velika brzina na putu Istok–Banja"
        ),
        "commitment": both(
            "Kontrolle të shpejtësisë dy herë në javë dhe shenja të reja pranë shkollës në Banjë.",
            "Kontrole brzine dva puta nedeljno i novi znakovi kod škole u Banji.",
        ),
        "settlements": ["Banjë", "Istog"],
        "updates": [
            (
                -40,
                both(
                    "Policia kreu 9 kontrolle të shpejtësisë; 47 shoferë u gjobitën.",
                    "Policija je sprovela 9 kontrola brzine; kažnjeno je 47 vozača.",
                ),
            ),
            (
                -8,
                both(
                    "Departamenti i rrugëve porositi shenjat; vendosja pritet këtë muaj.",
                    "Odeljenje za puteve naručilo je znakove; postavljanje se očekuje ovog meseca.",
                ),
            ),
        ],
        "outcome": None,
    },
    {
        "months_ago": 10,
        "title": both("Qentë endacakë pranë shkollave", "Psi lutalice kod škola"),
        "commitment": both(
            "Shërbimi veterinar kap dhe strehon qentë; shkollat njoftojnë vendet ku shfaqen.",
            "Veterinarska služba hvata i zbrinjava pse; škole javljaju gde se pojavljuju.",
        ),
        "settlements": [],
        "updates": [
            (
                -270,
                both(
                    "U strehuan 31 qen; strehimorja e përkohshme u hap në Vrellë.",
                    "Zbrinuto je 31 pas; privremeno sklonište otvoreno u Vrelu.",
                ),
            ),
        ],
        "outcome": both(
            "Pas katër muajsh nuk ka më raportime për qen pranë shkollave; shërbimi vazhdon si punë e rregullt.",
            "Posle četiri meseca nema više prijava pasa kod škola; služba nastavlja kao redovan posao.",
        ),
    },
]


def build_plans(world: World) -> SafetyPlan | None:
    council = world.places.councils["ist"]
    secretary = world.secretary(council)
    co_chair = world.users["cochair.istok"]
    published = list(
        Meeting.objects.filter(council=council, status=Meeting.Status.PUBLISHED).order_by(
            "planned_at"
        )
    )
    if not published:
        return None
    year = world.today.year
    adopting = next((m for m in published if m.planned_at.year == year), published[0])
    plan = services.create_plan(
        council,
        by=secretary,
        title=both(
            f"Plani i veprimit për siguri në bashkësi {year}",
            f"Akcioni plan bezbednosti zajednice {year}",
        ),
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
    )
    activities = _objectives(world, plan, secretary)
    decision = _decision(
        world,
        adopting,
        "plan_adoption",
        f"The council adopts the community safety action plan {year}.",
        both(
            f"Këshilli miratoi planin e veprimit për siguri {year}.",
            f"Savet je usvojio akcioni plan bezbednosti za {year}.",
        ),
    )
    services.record_adoption_decision(plan, by=secretary, decision=decision)
    services.adopt_plan(plan, by=co_chair)
    adopted_at = adopting.held_at + timedelta(days=14)
    submitted = min((adopted_at + timedelta(days=10)).date(), world.today)
    services.submit_plan(plan, by=secretary, submitted_on=submitted)
    approved = min(submitted + timedelta(days=25), world.today)
    services.record_assembly_approval(
        plan, by=secretary, approved_on=approved, reference=f"01-016/{year % 100}-0427"
    )
    plan.refresh_from_db()
    world.backdate(plan, created_at=adopting.held_at - timedelta(days=30), adopted_at=adopted_at)
    for revision in PlanRevision.objects.filter(plan=plan):
        world.backdate(revision, created_at=adopted_at)
    _carry_out(world, plan, activities, secretary, since=adopted_at)
    _backdate_events(world, plan=plan, at=adopted_at)
    _priorities(world, council, secretary, published)
    world.write_backdated()
    upcoming = Meeting.objects.filter(
        council=council, status=Meeting.Status.PLANNED, agenda_published_at__isnull=True
    ).first()
    if upcoming is not None:
        add_plan_items(upcoming)
    return plan


def _objectives(world: World, plan: SafetyPlan, secretary) -> list:
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


def _carry_out(world: World, plan: SafetyPlan, activities: list, secretary, *, since) -> None:
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


def _decision(world: World, meeting: Meeting, kind: str, text: str, public_text: dict) -> Decision:
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=meeting.agenda_items.count() + 1,
        kind=AgendaItem.Kind.FREE,
        title=text[:250],
        discussion="The council discussed the proposal item by item.",
    )
    decision = Decision.objects.create(
        agenda_item=item,
        kind=kind,
        text=text,
        public_text=public_text,
        created_by=world.secretary(meeting.council_id),
    )
    world.backdate(decision, created_at=meeting.held_at + timedelta(days=1))
    return decision


def _priorities(world: World, council, secretary, published: list[Meeting]) -> None:
    settlements = {s.name: s for s in world.places.settlements.get("IST", [])}
    concerns = list(
        Concern.objects.filter(
            council=council,
            category__is_sensitive=False,
            status__in=[Concern.Status.IN_ACTION, Concern.Status.TRIAGED, Concern.Status.ON_AGENDA],
        ).order_by("created_at")[:6]
    )
    for index, spec in enumerate(PRIORITIES):
        target = world.today - timedelta(days=30 * spec["months_ago"])
        meeting = min(published, key=lambda m: abs((m.planned_at.date() - target).days))
        decision = _decision(
            world, meeting, "priority", "The council sets this as a priority.", spec["commitment"]
        )
        priority = services.set_priority(
            decision,
            by=secretary,
            title=spec["title"],
            commitment=spec["commitment"],
            settlements=[settlements[n] for n in spec["settlements"] if n in settlements],
        )
        services.publish_priority(priority, by=secretary)
        for days, text in spec["updates"]:
            on = max(world.today + timedelta(days=days), priority.set_on)
            services.add_update(priority, by=secretary, on=on, text=text)
        for concern in concerns[index * 2 : index * 2 + 2]:
            services.link_concern(priority, by=secretary, concern=concern)
        published_at = timezone.make_aware(
            datetime.combine(priority.set_on, datetime.min.time())
        ) + timedelta(days=3)
        priority = Priority.objects.get(pk=priority.pk)
        if spec["outcome"]:
            services.close_priority(
                priority,
                by=secretary,
                outcome=spec["outcome"],
                closed_on=min(priority.set_on + timedelta(days=120), world.today),
            )
        world.backdate(Priority.objects.get(pk=priority.pk), published_at=published_at)
        for update in PriorityUpdate.objects.filter(priority=priority):
            world.backdate(
                update,
                created_at=timezone.make_aware(datetime.combine(update.on, datetime.min.time())),
            )
        _backdate_events(world, priority=priority, at=published_at)


def _backdate_events(world: World, *, at, plan=None, priority=None) -> None:
    events = (
        PlanEvent.objects.filter(plan=plan) if plan else PlanEvent.objects.filter(priority=priority)
    )
    for offset, event in enumerate(events.order_by("id")):
        world.backdate(event, created_at=min(at + timedelta(hours=offset), world.now))
