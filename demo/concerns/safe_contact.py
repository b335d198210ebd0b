"""Safe ways to contact the reporters of the demo's sensitive concerns, in their language.

Chosen in turn, not drawn: the demo's random sequence (and so every other concern) stays as it
was. A reporter who named safe channels without email gives no email address (the form asks the
same), so the demo never shows an email the reporter said was unsafe.
"""

from concerns.services import SafeContactWishes
from demo import texts
from demo.concerns.plans import URGENT, ConcernPlan

TIMES = {
    "sq": ["Ditëve të punës 9–12, kur ai është në punë", "Vetëm të martën dhe të enjten pasdite"],
    "en": ["Weekdays 9–12, when he is at work", "Only on Tuesday and Thursday afternoons"],
    "sr-latn": [
        "Radnim danima od 9 do 12, dok je on na poslu",
        "Samo utorkom i četvrtkom po podne",
    ],
    "ar": ["أيام العمل من 9 إلى 12، عندما يكون في العمل", "فقط بعد ظهر الثلاثاء والخميس"],
}
ORGANISATIONS = {
    "IST": "Qendra e Grave “Jeta” Istog",
    "PEJ": "Qendra për Mbrojtjen e Grave Pejë",
    "PRI": "Shelter for Women and Children Prishtina",
}


def add_safe_contact(plans: list[ConcernPlan]) -> None:
    """Every sensitive concern whose reporter gave their name says how to reach them safely."""
    sensitive = [plan for plan in plans if plan.category in URGENT]
    if sensitive and all(plan.anonymous for plan in sensitive):
        # A small demo may draw only anonymous ones: the first reporter gives their name.
        first = sensitive[0]
        first.anonymous = False
        first.reporter = (texts.REPORTERS[first.language][0], "", "", True)
    turn = 0
    for plan in sensitive:
        if plan.anonymous:
            continue
        name, phone, _email, consent = plan.reporter
        times = TIMES[plan.language][turn % 2]
        if turn % 3 == 0 or not phone:
            wishes = SafeContactWishes(
                channels=frozenset({"in_person"}),
                organisation=ORGANISATIONS[plan.code],
                times=times,
                no_messages=True,
            )
        elif turn % 3 == 1:
            wishes = SafeContactWishes(channels=frozenset({"sms"}), times=times, no_messages=True)
        else:
            wishes = SafeContactWishes(channels=frozenset({"call"}), times=times)
        plan.reporter = (name, phone, "", consent)
        plan.safe_contact = wishes
        turn += 1
