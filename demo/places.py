"""Municipalities, settlements, councils and police units of the demo (Istog, Peja, Prishtinë)."""

from dataclasses import dataclass, field

from councils.models import Council, Municipality, Settlement
from demo.upsert import upsert
from policing.models import PoliceUnit

TOWN = Settlement.Kind.TOWN
VILLAGE = Settlement.Kind.VILLAGE
NEIGHBOURHOOD = Settlement.Kind.NEIGHBOURHOOD

# code, name, translations, (latitude, longitude) of the centre, settlements.
MUNICIPALITIES = [
    (
        "IST",
        "Istog",
        {"sq": "Istog", "sr-latn": "Istok"},
        (42.7808, 20.4878),
        [
            ("Istog", TOWN, {"sq": "Istog", "sr-latn": "Istok"}),
            ("Banjë", VILLAGE, {"sq": "Banjë", "sr-latn": "Banja"}),
            ("Vrellë", VILLAGE, {"sq": "Vrellë", "sr-latn": "Vrelo"}),
            ("Zallq", VILLAGE, {"sq": "Zallq", "sr-latn": "Žač"}),
            ("Dragolevc", VILLAGE, {"sq": "Dragolevc", "sr-latn": "Dragoljevac"}),
            ("Osojan", VILLAGE, {"sq": "Osojan", "sr-latn": "Osojane"}),
            ("Gurakoc", VILLAGE, {"sq": "Gurakoc", "sr-latn": "Đurakovac"}),
            ("Dobrushë", VILLAGE, {"sq": "Dobrushë", "sr-latn": "Dobruša"}),
        ],
    ),
    (
        "PEJ",
        "Pejë",
        {"sq": "Pejë", "sr-latn": "Peć"},
        (42.6593, 20.2887),
        [
            ("Pejë", TOWN, {"sq": "Pejë", "sr-latn": "Peć"}),
            ("Vitomiricë", VILLAGE, {"sq": "Vitomiricë", "sr-latn": "Vitomirica"}),
            ("Rugovë", VILLAGE, {"sq": "Rugovë", "sr-latn": "Rugovo"}),
            ("Lugu i Baranit", VILLAGE, {"sq": "Lugu i Baranit"}),
            ("Gorazhdec", VILLAGE, {"sq": "Gorazhdec", "sr-latn": "Goraždevac"}),
            ("Karagaç", NEIGHBOURHOOD, {"sq": "Karagaç", "sr-latn": "Karagač"}),
        ],
    ),
    (
        "PRI",
        "Prishtinë",
        {"sq": "Prishtinë", "sr-latn": "Priština"},
        (42.6629, 21.1655),
        [
            ("Dardania", NEIGHBOURHOOD, {"sq": "Dardania", "sr-latn": "Dardanija"}),
            ("Ulpiana", NEIGHBOURHOOD, {"sq": "Ulpiana", "sr-latn": "Ulpijana"}),
            ("Kodra e Diellit", NEIGHBOURHOOD, {"sq": "Kodra e Diellit", "en": "Sunny Hill"}),
            ("Kolovicë", NEIGHBOURHOOD, {"sq": "Kolovicë", "sr-latn": "Kolovica"}),
            ("Mati 1", NEIGHBOURHOOD, {"sq": "Mati 1", "sr-latn": "Mati 1"}),
            ("Lakrishte", NEIGHBOURHOOD, {"sq": "Lakrishte", "sr-latn": "Lakrište"}),
        ],
    ),
]

# Albanian and Serbian are official everywhere; Peja adds Bosnian and Prishtinë Turkish
# (languages "in official use" there). The first is the default language of public texts.
OFFICIAL_LANGUAGES = {
    "IST": ["sq", "sr-latn"],
    "PEJ": ["sq", "sr-latn", "bs"],
    "PRI": ["sq", "sr-latn", "tr"],
}


@dataclass(frozen=True)
class MeetingPattern:
    """When a council meets in the demo: day of month, every N months, where, who approves."""

    day: int
    every_months: int  # 1: monthly, 3: quarterly
    place: str
    approver: str  # username of a co-chair (or the secretary, recording the approval)
    months_back: int = 18


@dataclass(frozen=True)
class CouncilSpec:
    key: str
    level: str
    municipality: str | None
    parent: str | None
    name: str
    translations: dict
    settlements: tuple[str, ...]  # empty: the whole municipality
    secretary: str | None
    meetings: MeetingPattern | None = None


NATIONAL = Council.Level.NATIONAL
MUNICIPAL = Council.Level.MUNICIPAL
LOCAL = Council.Level.LOCAL

COUNCILS = [
    CouncilSpec(
        "national",
        NATIONAL,
        None,
        None,
        "National Community Safety Coordination",
        {
            "sq": "Koordinimi Kombëtar për Siguri në Bashkësi",
            "sr-latn": "Nacionalna koordinacija za bezbednost u zajednici",
        },
        (),
        None,
    ),
    CouncilSpec(
        "ist",
        MUNICIPAL,
        "IST",
        "national",
        "MCSC Istog",
        {"sq": "KKSB Istog", "sr-latn": "OSBZ Istok"},
        (),
        "secretary.istok",
        MeetingPattern(10, 1, "Municipal assembly hall, Istog", "cochair.istok"),
    ),
    CouncilSpec(
        "pej",
        MUNICIPAL,
        "PEJ",
        "national",
        "MCSC Peja",
        {"sq": "KKSB Pejë", "sr-latn": "OSBZ Peć"},
        (),
        "secretary.peja",
        MeetingPattern(14, 1, "Municipal assembly hall, Pejë", "commander.peja", months_back=10),
    ),
    CouncilSpec(
        "pri",
        MUNICIPAL,
        "PRI",
        "national",
        "MCSC Prishtinë",
        {"sq": "KKSB Prishtinë", "sr-latn": "OSBZ Priština"},
        (),
        "secretary.prishtine",
        MeetingPattern(20, 3, "City hall, Prishtinë", "commander.prishtine"),
    ),
    CouncilSpec(
        "osojan",
        LOCAL,
        "IST",
        "ist",
        "LPSC Osojan",
        {"sq": "KLSP Osojan", "sr-latn": "LKJB Osojane"},
        ("Osojan",),
        "secretary.osojan",
        MeetingPattern(5, 3, "Community centre, Osojan", "secretary.osojan"),
    ),
    CouncilSpec(
        "banje",
        LOCAL,
        "IST",
        "ist",
        "LPSC Banjë",
        {"sq": "KLSP Banjë", "sr-latn": "LKJB Banja"},
        ("Banjë",),
        "secretary.banje",
    ),
    CouncilSpec(
        "vitomirice",
        LOCAL,
        "PEJ",
        "pej",
        "LPSC Vitomiricë",
        {"sq": "KLSP Vitomiricë", "sr-latn": "LKJB Vitomirica"},
        ("Vitomiricë",),
        "secretary.vitomirice",
    ),
    CouncilSpec(
        "dardania",
        LOCAL,
        "PRI",
        "pri",
        "LPSC Dardania",
        {"sq": "KLSP Dardania", "sr-latn": "LKJB Dardanija"},
        ("Dardania",),
        "secretary.dardania",
    ),
]

# municipality code, name, kind, parent unit name, commander username
POLICE_UNITS = [
    ("IST", "Istog Police Station", PoliceUnit.Kind.STATION, None, "commander.istok"),
    (
        "IST",
        "Community Policing Unit",
        PoliceUnit.Kind.UNIT,
        "Istog Police Station",
        "commander.istok",
    ),
    ("PEJ", "Peja Police Station", PoliceUnit.Kind.STATION, None, "commander.peja"),
    ("PRI", "Prishtina Police Station", PoliceUnit.Kind.STATION, None, "commander.prishtine"),
]


@dataclass
class Places:
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    settlements: dict[str, list[Settlement]] = field(default_factory=dict)  # by municipality code
    centres: dict[str, tuple[float, float]] = field(default_factory=dict)
    councils: dict[str, Council] = field(default_factory=dict)
    specs: dict[str, CouncilSpec] = field(default_factory=dict)
    units: dict[str, PoliceUnit] = field(default_factory=dict)  # by name
    local_councils: dict[int, Council] = field(default_factory=dict)  # by settlement id

    def station_of(self, code: str) -> PoliceUnit:
        return next(
            unit
            for unit in self.units.values()
            if unit.municipality.code == code and unit.kind == PoliceUnit.Kind.STATION
        )

    def municipal_council(self, code: str) -> Council:
        return next(
            council
            for council in self.councils.values()
            if council.level == MUNICIPAL and council.municipality.code == code
        )


def build_places() -> Places:
    places = Places()
    for code, name, translations, centre, settlements in MUNICIPALITIES:
        municipality, _ = upsert(
            Municipality,
            {"code": code},
            {
                "name": name,
                "name_translations": translations,
                "official_languages": OFFICIAL_LANGUAGES[code],
                "is_active": True,
            },
        )
        places.municipalities[code] = municipality
        places.centres[code] = centre
        places.settlements[code] = [
            upsert(
                Settlement,
                {"municipality": municipality, "name": settlement_name},
                {"kind": kind, "name_translations": settlement_translations},
            )[0]
            for settlement_name, kind, settlement_translations in settlements
        ]
    for spec in COUNCILS:
        municipality = places.municipalities[spec.municipality] if spec.municipality else None
        council, _ = upsert(
            Council,
            {"municipality": municipality, "name": spec.name},
            {
                "level": spec.level,
                "parent": places.councils[spec.parent] if spec.parent else None,
                "name_translations": spec.translations,
                "meeting_cadence": _cadence(spec),
                "is_active": True,
            },
        )
        if municipality is not None:
            covered = places.settlements[spec.municipality]
            if spec.settlements:
                covered = [s for s in covered if s.name in spec.settlements]
            council.settlements.set(covered)
            if spec.level == LOCAL:
                places.local_councils.update({s.pk: council for s in covered})
        places.councils[spec.key] = council
        places.specs[spec.key] = spec
    return places


def _cadence(spec: CouncilSpec) -> str:
    if spec.meetings is None:
        return Council.Cadence.AS_NEEDED if spec.level == LOCAL else Council.Cadence.QUARTERLY
    if spec.meetings.every_months == 1:
        return Council.Cadence.MONTHLY
    return Council.Cadence.QUARTERLY


def build_police_units(places: Places, users: dict) -> None:
    for code, name, kind, parent_name, commander in POLICE_UNITS:
        unit, _ = upsert(
            PoliceUnit,
            {"municipality": places.municipalities[code], "name": name},
            {
                "kind": kind,
                "parent": places.units[parent_name] if parent_name else None,
                "commander": users[commander],
                "is_active": True,
            },
        )
        places.units[name] = unit
