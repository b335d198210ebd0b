"""Partner bodies of the demo municipalities (departments, a utility) and their focal points."""

from datetime import timedelta

from django.utils import timezone

from demo.places import Places
from demo.upsert import upsert
from policing.models import FocalPoint, PartnerBody

Kind = PartnerBody.Kind

# key: (kind, English name, Albanian, Serbian Latin); one set per municipality, the utility
# named per municipality below.
BODIES = {
    "public-services": (
        Kind.MUNICIPAL_DEPARTMENT,
        "Municipal Directorate of Public Services",
        "Drejtoria Komunale e Shërbimeve Publike",
        "Opštinska direkcija za javne usluge",
    ),
    "roads": (
        Kind.MUNICIPAL_DEPARTMENT,
        "Municipal Roads Department",
        "Departamenti Komunal i Rrugëve",
        "Opštinsko odeljenje za puteve",
    ),
    "education": (
        Kind.MUNICIPAL_DEPARTMENT,
        "Municipal Directorate of Education",
        "Drejtoria Komunale e Arsimit",
        "Opštinska direkcija za obrazovanje",
    ),
    "legal": (
        Kind.MUNICIPAL_DEPARTMENT,
        "Municipal Legal Office",
        "Zyra Ligjore Komunale",
        "Opštinska pravna kancelarija",
    ),
    "veterinary": (
        Kind.MUNICIPAL_DEPARTMENT,
        "Municipal veterinary service",
        "Shërbimi Veterinar Komunal",
        "Opštinska veterinarska služba",
    ),
}
UTILITIES = {
    "IST": ("Hidrodrini Regional Water Company", "KRU Hidrodrini", "RVK Hidrodrini"),
    "PEJ": ("Hidrodrini Regional Water Company", "KRU Hidrodrini", "RVK Hidrodrini"),
    "PRI": ("Prishtina Regional Water Company", "KRU Prishtina", "RVK Priština"),
}
# username: (municipality code, body key)
FOCAL_POINTS = {
    "focal.istok": ("IST", "public-services"),
    "focal.schools.istok": ("IST", "education"),
    "focal.peja": ("PEJ", "public-services"),
    "focal.prishtine": ("PRI", "public-services"),
}


def build_partner_bodies(places: Places, users: dict) -> dict[tuple[str, str], PartnerBody]:
    """Partner bodies by (municipality code, key); the focal points' terms from a year ago."""
    bodies = {}
    for code, municipality in places.municipalities.items():
        specs = dict(BODIES)
        specs["utility"] = (Kind.UTILITY, *UTILITIES.get(code, UTILITIES["IST"]))
        for key, (kind, name, sq, sr) in specs.items():
            bodies[code, key], _ = upsert(
                PartnerBody,
                {"municipality": municipality, "name": name},
                {"kind": kind, "name_translations": {"sq": sq, "sr-latn": sr}, "is_active": True},
            )
    for username, key in FOCAL_POINTS.items():
        upsert(
            FocalPoint,
            {"body": bodies[key], "user": users[username], "end_date": None},
            on_create={"start_date": timezone.localdate() - timedelta(days=365)},
        )
    return bodies
