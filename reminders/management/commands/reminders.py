from django.core.management.base import BaseCommand, CommandError

from notifications.services import BrokerUnavailable
from reminders import scan


class Command(BaseCommand):
    help = (
        "Run the reminder scan now: decide the reminders that are due, record them and queue "
        "their messages. With --dry-run, print what would be sent and why, and change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent now; send nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        try:
            result = scan.run_scan(dry_run=dry_run)
        except BrokerUnavailable as exc:
            raise CommandError(str(exc)) from exc
        for decision in result.decided:
            self.stdout.write(decision.describe())
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(result.counts().items()))
        verb = "would send" if dry_run else "decided"
        self.stdout.write(
            f"{verb} {len(result.decided)} reminders" + (f" ({counts})" if counts else "")
        )
        if not dry_run and result.messages:
            self.stdout.write(
                "queued " + ", ".join(f"{n} {name}" for name, n in result.messages.items())
            )
