"""Demo accounts, council members (with their history) and police officers."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from accounts.models import User
from councils.models import Membership, Person
from demo.places import Places
from demo.upsert import upsert
from policing.models import Officer

DEMO_PASSWORD = "demo-password-2026"
# A fixed salt makes the hash the same on every run, so a second run leaves the users untouched
# and hashes once instead of once per user. Acceptable only because this password is public.
_DEMO_SALT = "cscdemo2026"


@dataclass(frozen=True)
class Login:
    username: str
    first_name: str
    last_name: str
    role: str
    sees: str
    language: str = "en"
    superuser: bool = False
    national: bool = False


LOGINS = [
    Login(
        "admin", "Demo", "Administrator", "administrator", "Django admin; everything", "en", True
    ),
    Login(
        "national",
        "Valon",
        "Kryeziu",
        "national coordinator",
        "every council and statistics, reporter withheld",
        "sq",
        national=True,
    ),
    Login(
        "secretary.istok",
        "Arbnora",
        "Rexhaj",
        "secretary, MCSC Istog",
        "Istog concerns with reporters; triage, meetings, minutes",
        "sq",
    ),
    Login(
        "member.istok",
        "Milica",
        "Jovanović",
        "member, MCSC Istog",
        "Istog concerns (reporter withheld), meetings, draft minutes",
        "sr-latn",
    ),
    Login(
        "cochair.istok",
        "Drita",
        "Berisha",
        "co-chair, MCSC Istog",
        "as a member, and approves Istog minutes",
        "sq",
    ),
    Login(
        "safeguarding.istok",
        "Vjosa",
        "Krasniqi",
        "safeguarding officer, MCSC Istog",
        "Istog's domestic violence and trafficking concerns, with the secretary; nothing else",
        "sq",
    ),
    Login(
        "commander.istok",
        "Agron",
        "Gashi",
        "commander, Istog Police Station",
        "actions of Istog station and its Community Policing Unit; co-chair",
        "sq",
    ),
    Login(
        "officer.istok",
        "Blerim",
        "Hoxha",
        "officer, Istog Police Station",
        "actions of the Istog station and those assigned to them",
        "sq",
    ),
    Login(
        "focal.istok",
        "Shpresa",
        "Krasniqi",
        "focal point, Istog Directorate of Public Services",
        "the Directorate's actions (lighting, dumps, repairs); updates and completes them",
        "sq",
    ),
    Login(
        "focal.schools.istok",
        "Dragana",
        "Milić",
        "focal point, Istog Directorate of Education",
        "the Directorate's actions (schools)",
        "sr-latn",
    ),
    Login(
        "secretary.peja",
        "Lumnije",
        "Nimani",
        "secretary, MCSC Peja",
        "Peja concerns and meetings; nothing of Istog",
        "sq",
    ),
    Login(
        "commander.peja",
        "Bashkim",
        "Ramaj",
        "commander, Peja Police Station",
        "actions of the Peja station; co-chair of MCSC Peja",
        "sq",
    ),
    Login(
        "officer.peja",
        "Arben",
        "Nikçi",
        "officer, Peja Police Station",
        "actions of the Peja station and those assigned to them",
        "sq",
    ),
    Login(
        "focal.peja",
        "Alban",
        "Rugova",
        "focal point, Peja Directorate of Public Services",
        "the Directorate's actions; nothing of Istog",
        "sq",
    ),
    Login(
        "secretary.osojan",
        "Jelena",
        "Stanković",
        "secretary, LPSC Osojan",
        "Osojan concerns; refers them up to MCSC Istog",
        "sr-latn",
    ),
    Login("secretary.banje", "Merita", "Gjoka", "secretary, LPSC Banjë", "Banjë concerns", "sq"),
    Login(
        "secretary.vitomirice",
        "Burim",
        "Elshani",
        "secretary, LPSC Vitomiricë",
        "Vitomiricë concerns",
        "sq",
    ),
    Login(
        "secretary.prishtine",
        "Teuta",
        "Hyseni",
        "secretary, MCSC Prishtinë",
        "Prishtinë concerns and meetings",
        "sq",
    ),
    Login(
        "secretary.dardania",
        "Liridona",
        "Berisha",
        "secretary, LPSC Dardania",
        "Dardania concerns",
        "sq",
    ),
    Login(
        "commander.prishtine",
        "Fatmir",
        "Hoxha",
        "commander, Prishtina Police Station",
        "actions of the Prishtina station; co-chair",
        "sq",
    ),
    Login(
        "focal.prishtine",
        "Arta",
        "Morina",
        "focal point, Prishtinë Directorate of Public Services",
        "the Directorate's actions",
        "sq",
    ),
]

# username, first name, last name, unit name, rank, badge number
OFFICERS = [
    ("officer.istok", "Blerim", "Hoxha", "Istog Police Station", "Sergeant", "IST-1042"),
    ("officer.istok2", "Ivana", "Petković", "Istog Police Station", "Police Officer", "IST-1107"),
    ("officer.istok3", "Driton", "Zeqiraj", "Istog Police Station", "Police Officer", "IST-1133"),
    ("officer.cpu.istok", "Mimoza", "Berisha", "Community Policing Unit", "Sergeant", "IST-0871"),
    ("officer.peja", "Arben", "Nikçi", "Peja Police Station", "Sergeant", "PEJ-2210"),
    ("officer.peja2", "Gresa", "Kastrati", "Peja Police Station", "Police Officer", "PEJ-2388"),
    ("officer.peja3", "Miloš", "Vasić", "Peja Police Station", "Police Officer", "PEJ-2391"),
    ("officer.prishtine", "Lulzim", "Krasniqi", "Prishtina Police Station", "Sergeant", "PRI-0412"),
    (
        "officer.prishtine2",
        "Vlora",
        "Ahmeti",
        "Prishtina Police Station",
        "Police Officer",
        "PRI-0577",
    ),
]

F, M = Person.Gender.FEMALE, Person.Gender.MALE
CO_CHAIR = Membership.Role.CO_CHAIR
SECRETARY = Membership.Role.SECRETARY
POLICE = Membership.Role.POLICE_REPRESENTATIVE
MEMBER = Membership.Role.MEMBER
OBSERVER = Membership.Role.OBSERVER
SAFEGUARDING = Membership.Role.SAFEGUARDING_OFFICER


@dataclass(frozen=True)
class Seat:
    """A membership: ``who`` is a full name, or ``@username`` for someone with an account."""

    who: str
    role: str
    represents: str
    gender: str = ""
    community: str = ""
    period: str = "current"  # "past": left eight months ago; "new": replaced them then


SEATS = {
    "ist": [
        Seat("@cochair.istok", CO_CHAIR, "Municipality of Istog, deputy mayor", F, "Albanian"),
        Seat("@commander.istok", CO_CHAIR, "Kosovo Police, Istog station", M, "Albanian"),
        Seat("@secretary.istok", SECRETARY, "Municipal office for community safety", F, "Albanian"),
        # A designation, not a seat: reads the sensitive concerns with the secretary.
        Seat("@safeguarding.istok", SAFEGUARDING, "Centre for Social Work, Istog", F, "Albanian"),
        Seat("Dragan Petrović", POLICE, "Kosovo Police, community policing", M, "Serb"),
        Seat("@member.istok", MEMBER, "Serb community, Osojan", F, "Serb"),
        Seat("Bekim Kelmendi", MEMBER, "Albanian community, Istog town", M, "Albanian"),
        Seat("Nenad Stojanović", MEMBER, "Association of returnees", M, "Serb"),
        Seat("Safet Mustafa", MEMBER, "Roma community", M, "Roma", "new"),
        Seat("Bajram Mehmeti", MEMBER, "Roma community", M, "Roma", "past"),
        Seat("Hysni Ademi", MEMBER, "Ashkali community", M, "Ashkali"),
        Seat("Fatime Qerimi", MEMBER, "Egyptian community", F, "Egyptian"),
        Seat("Emina Hodžić", MEMBER, "Bosniak community, Dobrushë", F, "Bosniak"),
        Seat("Ramadan Kastrati", MEMBER, "Islamic Community, Istog council", M, "Albanian"),
        Seat("Jovan Milosavljević", MEMBER, "Serbian Orthodox Church, Gorioč", M, "Serb"),
        Seat("Pal Marku", MEMBER, "Catholic parish", M, "Albanian"),
        Seat("Valdete Hoti", MEMBER, "Women's network of Istog", F, "Albanian"),
        Seat("Shpresa Rama", MEMBER, "Association of rural women", F, "Albanian"),
        Seat("Arlind Hasani", MEMBER, "Municipal youth action council", M, "Albanian"),
        Seat("Ana Radović", MEMBER, "Youth centre (NGO)", F, "Serb"),
        Seat("Mentor Bajrami", MEMBER, "Primary school, director", M, "Albanian", "new"),
        Seat("Gjylsime Kryeziu", MEMBER, "Primary school, director", F, "Albanian", "past"),
        Seat("Lirie Shala", MEMBER, "Secondary school, parents' council", F, "Albanian"),
        Seat("Besnik Hoxha", MEMBER, "NGO for inter-ethnic dialogue", "", "Albanian"),
        Seat("Teuta Musliu", MEMBER, "Centre for Social Work", F, "Albanian"),
        Seat("Zoran Nikolić", MEMBER, "LPSC Osojan", M, "Serb"),
        Seat("Ilir Rexhepi", MEMBER, "LPSC Banjë", M, "Albanian"),
        Seat("Kushtrim Zeka", MEMBER, "Association of persons with disabilities", ""),
    ],
    "pej": [
        Seat("Ardian Lajqi", CO_CHAIR, "Municipality of Pejë, deputy mayor", M, "Albanian"),
        Seat("@commander.peja", CO_CHAIR, "Kosovo Police, Peja station", M, "Albanian"),
        Seat("@secretary.peja", SECRETARY, "Municipal office for community safety", F, "Albanian"),
        Seat("Slobodan Vuković", MEMBER, "Serb community, Gorazhdec", M, "Serb"),
        Seat("Edin Kalač", MEMBER, "Bosniak community", M, "Bosniak"),
        Seat("Gëzim Bytyqi", MEMBER, "Roma community", M, "Roma"),
        Seat("Vjollca Mazreku", MEMBER, "Egyptian community", F, "Egyptian"),
        Seat("Flutura Kabashi", MEMBER, "Women's NGO", F, "Albanian"),
        Seat("Xhevdet Zeqiri", MEMBER, "Islamic Community, Pejë council", M, "Albanian"),
        Seat("Gjergj Dedaj", MEMBER, "Catholic parish of Pejë", M, "Albanian"),
        Seat("Mirlinda Tahiri", MEMBER, "Secondary schools", F, "Albanian"),
        Seat("Egzon Hajdari", MEMBER, "Tourism guides, Rugovë", ""),
    ],
    "pri": [
        Seat("Dafina Kryeziu", CO_CHAIR, "Municipality of Prishtinë, deputy mayor", F, "Albanian"),
        Seat("@commander.prishtine", CO_CHAIR, "Kosovo Police, Prishtina station", M, "Albanian"),
        Seat("@secretary.prishtine", SECRETARY, "Municipal office for community safety", F),
        Seat("Marko Ristić", MEMBER, "Serb community", M, "Serb"),
        Seat("Erol Demir", MEMBER, "Turkish community", M, "Turkish"),
        Seat("Elvis Berisha", MEMBER, "Roma community", M, "Roma"),
        Seat("Arta Dervishi", MEMBER, "University of Prishtina", F, "Albanian"),
        Seat("Edona Hoxha", MEMBER, "Kosovo Women's Network", F, "Albanian"),
        Seat("Driton Rama", MEMBER, "Youth council", M, "Albanian"),
        Seat("Besa Gërguri", MEMBER, "LPSC Dardania", F, "Albanian"),
    ],
    "national": [
        Seat("@national", CO_CHAIR, "Ministry of Internal Affairs", M, "Albanian"),
        Seat("Naim Mehmeti", CO_CHAIR, "Kosovo Police, community policing directorate", M),
        Seat("Nora Sylejmani", SECRETARY, "Ministry of Internal Affairs", F, "Albanian"),
        Seat("Jelena Marković", MEMBER, "Ombudsperson Institution", F, "Serb"),
        Seat("Gani Osmani", MEMBER, "Association of Kosovo Municipalities", M, "Albanian"),
        Seat("Anna Schmidt", OBSERVER, "OSCE Mission in Kosovo", F),
    ],
    "osojan": [
        Seat("Zoran Nikolić", CO_CHAIR, "Village council of Osojan", M, "Serb"),
        Seat("@secretary.osojan", SECRETARY, "Village council of Osojan", F, "Serb"),
        Seat("Florim Gashi", MEMBER, "Albanian neighbours", M, "Albanian"),
        Seat("Dušan Lazić", MEMBER, "Village school", M, "Serb"),
        Seat("Vesna Mitić", MEMBER, "Women of Osojan", F, "Serb"),
        Seat("Stefan Ilić", MEMBER, "Youth", M, "Serb"),
    ],
    "banje": [
        Seat("Ilir Rexhepi", CO_CHAIR, "Village council of Banjë", M, "Albanian"),
        Seat("@secretary.banje", SECRETARY, "Village council of Banjë", F, "Albanian"),
        Seat("Milan Đokić", MEMBER, "Serb returnees", M, "Serb"),
        Seat("Hava Ibishi", MEMBER, "Women of Banjë", F, "Albanian"),
        Seat("Agim Haxhiu", MEMBER, "Village school", M, "Albanian"),
        Seat("Leutrim Dreshaj", MEMBER, "Youth", ""),
    ],
    "vitomirice": [
        Seat("Hamdi Krasniqi", CO_CHAIR, "Village council of Vitomiricë", M, "Albanian"),
        Seat("@secretary.vitomirice", SECRETARY, "Village council of Vitomiricë", M, "Albanian"),
        Seat("Sabrije Kuçi", MEMBER, "Women of Vitomiricë", F, "Albanian"),
        Seat("Elmaz Hamza", MEMBER, "Egyptian community", M, "Egyptian"),
        Seat("Albulena Mehaj", MEMBER, "Village school", F, "Albanian"),
        Seat("Blend Selmani", MEMBER, "Youth", M, "Albanian"),
    ],
    "dardania": [
        Seat("Besa Gërguri", CO_CHAIR, "Neighbourhood council of Dardania", F, "Albanian"),
        Seat("@secretary.dardania", SECRETARY, "Neighbourhood council of Dardania", F),
        Seat("Ilirjana Zymberi", MEMBER, "Residents' association", F, "Albanian"),
        Seat("Arianit Bekteshi", MEMBER, "Shop owners", M, "Albanian"),
        Seat("Dren Qorri", MEMBER, "Students", M, "Albanian"),
        Seat("Nexhmije Bislimi", MEMBER, "Parents of the primary school", F, "Albanian"),
    ],
}


def membership_dates(period: str, level: str, today: date) -> tuple[date, date | None]:
    founded = today - timedelta(days=1000 if level != "local" else 720)
    if period == "past":
        return founded, today - timedelta(days=240)
    if period == "new":
        return today - timedelta(days=239), None
    return founded, None


def build_users() -> dict[str, User]:
    password = make_password(DEMO_PASSWORD, salt=_DEMO_SALT)
    people = [(login.username, login.first_name, login.last_name, login) for login in LOGINS]
    people += [(username, first, last, None) for username, first, last, *_ in OFFICERS]
    users = {}
    for username, first_name, last_name, login in people:
        values = {
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
            "preferred_language": login.language if login else "sq",
            "is_superuser": bool(login and login.superuser),
            "is_staff": bool(login and login.superuser),
            "is_national_coordinator": bool(login and login.national),
            "is_active": True,
            "password": password,
        }
        users[username], _ = upsert(User, {"username": username}, values)
    return users


def build_memberships(places: Places, users: dict[str, User], today: date) -> None:
    for council_key, seats in SEATS.items():
        council = places.councils[council_key]
        for seat in seats:
            person = _person(seat, users)
            start, end = membership_dates(seat.period, council.level, today)
            upsert(
                Membership,
                {"person": person, "council": council, "role": seat.role},
                {"represents": seat.represents},
                on_create={"start_date": start, "end_date": end},
            )


def _person(seat: Seat, users: dict[str, User]) -> Person:
    values = {"gender": seat.gender, "community": seat.community}
    if seat.who.startswith("@"):
        user = users[seat.who[1:]]
        values |= {"full_name": user.get_full_name(), "email": user.email}
        return upsert(Person, {"user": user}, values)[0]
    return upsert(Person, {"full_name": seat.who, "user": None}, values)[0]


def build_officers(places: Places, users: dict[str, User]) -> dict[int, list[Officer]]:
    """Officers by unit id."""
    by_unit: dict[int, list[Officer]] = {}
    for username, _first, _last, unit_name, rank, badge in OFFICERS:
        unit = places.units[unit_name]
        officer, _ = upsert(
            Officer,
            {"user": users[username]},
            {"unit": unit, "rank": rank, "badge_number": badge, "is_active": True},
        )
        by_unit.setdefault(unit.pk, []).append(officer)
    return by_unit
