"""Open311 in the demo: Istog's city app with a known key, the municipalities' switches, extra
questions on a few categories, and the demo's Open311 concerns linked to the app."""

from concerns.models import Category, Channel, Concern
from councils.models import Municipality
from demo.upsert import upsert
from open311.models import Client, Jurisdiction, ServiceAttribute, Submission, hash_api_key

# Like DEMO_PASSWORD: known so that the curl session of the README works on the demo.
DEMO_API_KEY = "istog-city-app-demo-key"
CITY_APP = "Istog city app"

YES_NO = [
    {"key": "yes", "name": "Yes", "name_translations": {"sq": "Po", "sr-latn": "Da"}},
    {"key": "no", "name": "No", "name_translations": {"sq": "Jo", "sr-latn": "Ne"}},
]
WHERE = (
    "settlement",
    ServiceAttribute.Datatype.SINGLE,
    ServiceAttribute.Source.SETTLEMENTS,
    "Which village or neighbourhood?",
    {"sq": "Cili fshat apo lagje?", "sr-latn": "Koje selo ili naselje?"},
    False,
    [],
)
# category: (code, datatype, source, question, translations, required, values)
QUESTIONS = {
    "lighting-and-infrastructure": [
        WHERE,
        (
            "lamps-out",
            ServiceAttribute.Datatype.NUMBER,
            ServiceAttribute.Source.VALUES,
            "How many street lamps are out?",
            {"sq": "Sa drita rrugore nuk punojnë?", "sr-latn": "Koliko uličnih svetiljki ne radi?"},
            False,
            [],
        ),
    ],
    "stray-animals": [
        WHERE,
        (
            "aggressive",
            ServiceAttribute.Datatype.SINGLE,
            ServiceAttribute.Source.VALUES,
            "Have the dogs attacked or chased anyone?",
            {
                "sq": "A kanë sulmuar apo ndjekur qentë dikë?",
                "sr-latn": "Da li su psi napali ili jurili nekoga?",
            },
            True,
            YES_NO,
        ),
    ],
    "traffic-safety": [
        WHERE,
        (
            "danger",
            ServiceAttribute.Datatype.MULTI,
            ServiceAttribute.Source.VALUES,
            "What makes it dangerous?",
            {"sq": "Çfarë e bën të rrezikshme?", "sr-latn": "Šta je opasno?"},
            False,
            [
                {
                    "key": "speeding",
                    "name": "Speeding",
                    "name_translations": {"sq": "Shpejtësia", "sr-latn": "Brza vožnja"},
                },
                {
                    "key": "crossing",
                    "name": "No safe crossing",
                    "name_translations": {
                        "sq": "Mungon vendkalimi",
                        "sr-latn": "Nema bezbednog prelaza",
                    },
                },
                {
                    "key": "signs",
                    "name": "Missing signs",
                    "name_translations": {
                        "sq": "Mungon sinjalizimi",
                        "sr-latn": "Nedostaju znakovi",
                    },
                },
            ],
        ),
    ],
}


def build_open311(
    municipalities: dict[str, Municipality], categories: dict[str, Category]
) -> Client:
    # Istog takes posts from anyone; Peja only from apps it gave a key.
    for code, require_key in (("IST", False), ("PEJ", True)):
        upsert(
            Jurisdiction, {"municipality": municipalities[code]}, {"require_api_key": require_key}
        )
    app, _ = upsert(
        Client,
        {"name": CITY_APP},
        {
            "municipality": municipalities["IST"],
            "contact_email": "app@istog.example.org",
            "is_active": True,
            "key_prefix": DEMO_API_KEY[:8],
            "key_hash": hash_api_key(DEMO_API_KEY),
        },
    )
    for category_code, questions in QUESTIONS.items():
        for position, (
            code,
            datatype,
            source,
            question,
            translations,
            required,
            values,
        ) in enumerate(questions, start=1):
            upsert(
                ServiceAttribute,
                {"category": categories[category_code], "code": code},
                {
                    "datatype": datatype,
                    "source": source,
                    "description": question,
                    "description_translations": translations,
                    "required": required,
                    "values": values,
                    "position": position,
                    "is_active": True,
                },
            )
    return app


def link_open311_concerns(app: Client) -> int:
    """The demo's Open311 concerns came from the app (Istog) or anonymous apps (elsewhere).
    Sensitive ones cannot have: no demo municipality lists sensitive services."""
    concerns = (
        Concern.objects.filter(channel=Channel.OPEN311, open311_submission__isnull=True)
        .exclude(category__is_sensitive=True)
        .select_related("municipality")
    )
    rows = [
        Submission(concern=c, client=app if c.municipality.code == "IST" else None)
        for c in concerns
    ]
    Submission.objects.bulk_create(rows)
    return len(rows)
