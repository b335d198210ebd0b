"""A bounded number of requests with random input against every form; any 5xx is printed."""

import random
import sys
import time
from collections import Counter
from urllib.parse import quote_from_bytes

from bench.resilience.fuzz_input import encode, fuzzed_pairs, multipart, random_value, urlencoded


def fuzz(args) -> bool:
    from django.core.signals import got_request_exception
    from django.test import Client

    from concerns import services
    from concerns.models import Category, Concern
    from concerns.references import tracking_token_for
    from councils.models import Council, Membership, Person, Settlement
    from tests.factories import UserFactory

    rng = random.Random(args.seed)
    council = Council.objects.filter(level="municipal", municipality__code="IST").first()
    municipality = council.municipality
    secretary = UserFactory(username="bench.resilience.secretary")
    person = Person.objects.filter(user=secretary).first() or Person.objects.create(
        full_name="Bench Secretary", user=secretary
    )
    Membership.objects.get_or_create(person=person, council=council, role="secretary")
    categories = [str(pk) for pk in Category.objects.values_list("pk", flat=True)]
    settlements = [str(pk) for pk in Settlement.objects.values_list("pk", flat=True)[:5]]
    concerns = list(Concern.objects.filter(council=council).order_by("-id")[:20])
    if len(concerns) < 5:
        for number in range(5):
            services.submit_concern(
                services.Submission(
                    municipality=municipality,
                    category=Category.objects.first(),
                    description=f"Dogs in the school yard, fuzz seed {number}.",
                )
            )
        concerns = list(Concern.objects.filter(council=council).order_by("-id")[:20])
    references = [c.reference for c in concerns]
    tokens = [tracking_token_for(c.submission_key) for c in concerns]
    pks = [str(c.pk) for c in concerns]

    report_fields = {
        "municipality": [str(municipality.pk)],
        "category": categories,
        "description": ["Cars speed past the primary school every morning."],
        "settlement": settlements,
        "address": ["Rruga e Shkollës"],
        "latitude": ["42.78"],
        "longitude": ["20.48"],
        "occurred_on": ["2026-01-15"],
        "occurred_time": ["08:30"],
        "is_anonymous": ["on"],
        "reporter_name": ["Drita"],
        "reporter_phone": ["+383 44 123 456"],
        "reporter_email": ["drita@example.org"],
        "consent_to_contact": ["on"],
        "website": [""],
        "submission_key": [],
    }
    staff_fields = {
        **report_fields,
        "channel": ["phone", "walk_in", "meeting"],
        "language": ["sq", "en"],
    }
    staff_fields.pop("website")
    transition_fields = {
        "category": categories,
        "priority": ["low", "normal", "high", "urgent"],
        "council": [str(council.pk)],
        "note": ["Discussed with the police."],
        "reason": ["Not a safety concern."],
        "public_response": ["Lights repaired."],
        "original": references,
        "text": ["Internal note."],
        "visibility": ["public", "internal"],
    }
    for prefix in (
        "reject",
        "duplicate",
        "resolve",
        "reopen",
        "close",
        "refer",
        "agenda",
        "reclassify",
        "triage",
    ):
        for name in ("reason", "note", "public_response", "original", "category", "priority"):
            transition_fields[f"{prefix}-{name}"] = transition_fields.get(name, [])
    inbox_fields = {
        "q": ["lights", "00157", *references],
        "status": ["open", "new", "triaged"],
        "category": categories,
        "settlement": settlements,
        "channel": ["web", "phone"],
        "council": [str(council.pk)],
        "received_from": ["2026-01-01"],
        "received_to": ["2026-12-31"],
        "waiting": ["on"],
        "sort": ["-created_at", "priority", "reference"],
        "page": ["1", "2", "last"],
    }
    actions = [
        "triage", "reject", "reclassify", "duplicate", "refer", "agenda", "resolve", "close",
        "reopen", "notes", "note", "comment", "identity", "update", "message", "public-update",
    ]  # fmt: skip

    failures: list[tuple[str, str, str]] = []
    current: dict = {}

    def record(sender, request=None, **kwargs):
        exc = sys.exc_info()[1]
        failures.append((current.get("label", "?"), repr(exc)[:300], current.get("detail", "")))

    got_request_exception.connect(record)
    public = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(secretary)
    statuses: Counter = Counter()
    per_target: dict[str, Counter] = {}
    deadline = time.monotonic() + args.seconds

    def send(label: str, client, method: str, path: str, pairs=None, body_kind="form"):
        pairs = pairs or []
        if method == "GET":
            query = urlencoded(pairs).decode("ascii")
            current.update(label=label, detail=f"GET {path}?{query[:200]}")
            return client.get(path + ("?" + query if query else ""))
        if body_kind == "multipart":
            body, content_type = multipart(rng, pairs)
        elif body_kind == "json":
            body, content_type = encode(str(dict(pairs))), "application/json"
        else:
            body, content_type = urlencoded(pairs), "application/x-www-form-urlencoded"
        current.update(label=label, detail=f"POST {path} {content_type} {body[:200]!r}")
        return client.generic("POST", path, body, content_type=content_type)

    def path_segment() -> str:
        return quote_from_bytes(encode(random_value(rng, references + tokens)), safe="")

    started = time.perf_counter()
    for number in range(args.fuzz):
        if time.monotonic() > deadline:
            print(f"(stopped after {number} requests: --seconds {args.seconds} reached)")
            break
        kind = rng.choice(["form", "form", "multipart", "json"])
        target = rng.randrange(10)
        if target == 0:
            label, response = (
                "POST /report/",
                send("report", public, "POST", "/report/", fuzzed_pairs(rng, report_fields), kind),
            )
        elif target == 1:
            label, response = (
                "POST /report/IST/",
                send(
                    "report-ist",
                    public,
                    "POST",
                    "/report/IST/",
                    fuzzed_pairs(rng, report_fields),
                    kind,
                ),
            )
        elif target == 2:
            label, response = (
                "GET /report/<code>/",
                send("report-code", public, "GET", f"/report/{path_segment()}/"),
            )
        elif target == 3:
            label, response = "GET /track/?…", send(
                "track-get", public, "GET", "/track/",
                fuzzed_pairs(rng, {"reference": references, "token": tokens}),
            )  # fmt: skip
        elif target == 4:
            label, response = "POST /track/", send(
                "track-post", public, "POST", "/track/",
                fuzzed_pairs(rng, {"reference": references, "token": tokens}), kind,
            )  # fmt: skip
        elif target == 5:
            label, response = (
                "GET /track/<ref>/<token>/",
                send("track-link", public, "GET", f"/track/{path_segment()}/{path_segment()}/"),
            )
        elif target == 6:
            label, response = (
                "GET inbox filters",
                send("inbox", staff, "GET", "/staff/concerns/", fuzzed_pairs(rng, inbox_fields)),
            )
        elif target == 7:
            action = rng.choice(actions)
            pk = rng.choice(pks + ["0", "99999999"])
            label, response = "POST transitions", send(
                f"transition {action}", staff, "POST", f"/staff/concerns/{pk}/{action}/",
                fuzzed_pairs(rng, transition_fields), kind,
            )  # fmt: skip
        elif target == 8:
            label, response = "POST staff entry form", send(
                "staff-new", staff, "POST", "/staff/concerns/new/",
                fuzzed_pairs(rng, staff_fields), kind,
            )  # fmt: skip
        else:
            label, response = "POST /accounts/login/", send(
                "login", public, "POST", "/accounts/login/",
                fuzzed_pairs(rng, {"username": ["secretary.istok"], "password": ["wrong"]}), kind,
            )  # fmt: skip
        statuses[response.status_code] += 1
        per_target.setdefault(label, Counter())[response.status_code] += 1
    seconds = time.perf_counter() - started
    got_request_exception.disconnect(record)
    total = sum(statuses.values())
    print(f"== Fuzz: {total} requests in {seconds:.1f} s (seed {args.seed})")
    print(f"status codes: {dict(sorted(statuses.items()))}")
    for label, counts in sorted(per_target.items()):
        print(f"  {label:28} {dict(sorted(counts.items()))}")
    fives = sum(n for code, n in statuses.items() if code >= 500)
    print(f"5xx answers: {fives}")
    for label, exc, detail in failures[:20]:
        print(f"  {label}: {exc}\n    {detail}")
    return fives == 0
