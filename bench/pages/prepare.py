"""Fill a bench database and say what to request: run in a child process whose DATABASE_URL is
the bench database (``python -m bench.pages.prepare SIZE``); prints one line of JSON."""

import json
import sys
import urllib.parse
import uuid

from bench.pages.data import RARE_WORD, SEARCH_TEXT, _with_events, fill, fill_actions


def prepare(target: int) -> dict:
    """Runs in a child process whose DATABASE_URL is the bench database: fills it and says what
    to request (URLs, the secretary's session cookie, the form's fields) and how many queries
    each page runs."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from concerns.models import Category, Concern
    from concerns.references import tracking_token_for
    from councils.models import Meeting, Municipality
    from policing.models import FollowUpAction

    call_command("migrate", verbosity=0)
    if not Municipality.objects.filter(code="IST").exists():
        call_command("seed_demo", "--force", verbosity=0)
    seconds = fill(target)
    action_seconds = fill_actions()
    secretary = User.objects.get(username="secretary.istok")
    commander = User.objects.get(username="commander.istok")
    istog = Municipality.objects.get(code="IST")
    demo = Concern.objects.filter(municipality=istog).exclude(reference__contains="-B-")
    tracked = _with_events(demo.order_by("id")[0], 10, public_only=True)
    detailed = _with_events(demo.order_by("id")[1], 20, public_only=False)
    token = tracking_token_for(tracked.submission_key)
    category = Category.objects.filter(is_active=True).order_by("position", "pk").first()
    form = {
        "municipality": str(istog.pk),
        "category": str(category.pk),
        "description": "The street lights on the school road have been out for a week.",
        "reporter_name": "Bench Resident",
        "reporter_email": "resident@example.org",
        "consent_to_contact": "on",
        "website": "",
    }
    meeting = Meeting.objects.filter(
        council__municipality=istog, council__level="municipal", status=Meeting.Status.PLANNED
    ).first()

    def search(text):
        return "/staff/concerns/?" + urllib.parse.urlencode({"q": text})

    # name: (method, path, who is signed in: "secretary", "commander" or None)
    pages = {
        "public form /report/": ("GET", "/report/", None),
        "tracking page (10 events)": ("GET", f"/track/{tracked.reference}/{token}/", None),
        "secretary inbox": ("GET", "/staff/concerns/", "secretary"),
        "inbox, search": ("GET", search(SEARCH_TEXT), "secretary"),
        "inbox, search, rare word": ("GET", search(RARE_WORD), "secretary"),
        "inbox, open ones": ("GET", "/staff/concerns/?status=open", "secretary"),
        "inbox, open, page 40": ("GET", "/staff/concerns/?status=open&page=40", "secretary"),
        "concern page (20 events)": ("GET", f"/staff/concerns/{detailed.pk}/", "secretary"),
        "actions queue": ("GET", "/staff/actions/queue/", "commander"),
        "workload": ("GET", "/staff/actions/workload/", "commander"),
        "meeting page": ("GET", f"/staff/meetings/{meeting.pk}/", "secretary"),
        "public form POST": ("POST", "/report/", None),
    }
    clients = {None: Client(HTTP_HOST="127.0.0.1")}
    for role, user in (("secretary", secretary), ("commander", commander)):
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].force_login(user)
    queries = {}
    for name, (method, path, who) in pages.items():
        client = clients[who]
        if method == "GET":
            client.get(path)  # what a steady server runs: caches filled, as in the load
        with CaptureQueriesContext(connection) as captured:
            if method == "POST":
                response = client.post(path, {**form, "submission_key": str(uuid.uuid4())})
            else:
                response = client.get(path)
        expected = 302 if method == "POST" else 200
        if response.status_code != expected:
            raise SystemExit(f"{name}: {path} answered {response.status_code}, not {expected}")
        queries[name] = len(captured)
    visible = Concern.objects.filter(council__in=secretary_councils(secretary)).count()
    return {
        "concerns": Concern.objects.count(),
        "visible": visible,
        "actions": FollowUpAction.objects.count(),
        "fill_seconds": round(seconds + action_seconds, 1),
        "pages": pages,
        "queries": queries,
        "sessions": {
            role: clients[role].cookies[settings.SESSION_COOKIE_NAME].value
            for role in ("secretary", "commander")
        },
        "form": form,
    }


def secretary_councils(user):
    from workspace.scopes import scope_of

    return scope_of(user).secretary_of


if __name__ == "__main__":
    print(json.dumps(prepare(int(sys.argv[1]))))
