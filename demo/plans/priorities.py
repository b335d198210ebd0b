"""Istog's public priorities: two current ones with dated updates, an older one closed with its
outcome; each set by a meeting's decision, with concerns of the council taken up."""

from datetime import datetime, timedelta

from django.utils import timezone

from concerns.models import Concern
from councils.models import Meeting
from demo.plans.decisions import add_decision, backdate_events, both
from demo.world import World
from plans import services
from plans.models import Priority, PriorityUpdate

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


def build_priorities(world: World, council, secretary, published: list[Meeting]) -> None:
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
        decision = add_decision(
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
        backdate_events(world, priority=priority, at=published_at)
