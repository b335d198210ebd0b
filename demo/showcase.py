"""What seed_demo prints for trying the resident's side: tracking pages worth opening."""

from concerns import tracking_codes
from concerns.models import Concern, ConcernEvent

Status = Concern.Status


def showcase_tracking_codes() -> list[tuple[str, Concern, str]]:
    """Concerns worth opening as a resident, with their tracking codes: derived from the seeded
    form keys, so every run of seed_demo prints the same ones (until a code is reissued)."""
    picks = [
        (
            "message to the reporter, action under way",
            Concern.objects.filter(events__kind=ConcernEvent.Kind.PUBLIC_UPDATE),
        ),
        (
            "resolved, response in Albanian, Serbian and Bosnian",
            Concern.objects.filter(municipality__code="PEJ", status=Status.RESOLVED),
        ),
        ("rejected, with the reason", Concern.objects.filter(status=Status.REJECTED)),
    ]
    found = []
    for label, concerns in picks:
        for concern in concerns.select_related("category").order_by("reference")[:20]:
            code = tracking_codes.code_for_key(concern.submission_key)
            if not concern.category.is_sensitive and concern.check_tracking_code(code):
                found.append((label, concern, tracking_codes.grouped(code)))
                break
    return found
