from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from concerns.services import code_path
from demo.people import DEMO_PASSWORD, LOGINS, OFFICERS
from demo.seed import seed_demo
from demo.showcase import showcase_tracking_codes


class Command(BaseCommand):
    help = (
        "Load the demo: Istog, Peja and Prishtinë with their councils, police, members, and "
        "18 months of concerns, actions and meetings. Running it again changes nothing. "
        f"Every demo account has the password {DEMO_PASSWORD!r}: never run it in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concerns",
            type=int,
            default=300,
            help="How many concerns to create on the first run (default 300).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG off (it creates a superuser with a known password).",
        )

    def handle(self, *args, concerns: int, force: bool = False, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "The demo creates accounts with a published password. It runs with DEBUG=1 "
                "(as make run sets it); add --force to load it anyway."
            )
        if concerns < 0:
            raise CommandError("--concerns cannot be negative.")
        summary = seed_demo(concern_count=concerns)
        if summary.created_activity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo loaded: {summary.concerns} concerns, {summary.meetings} meetings."
                )
            )
        else:
            self.stdout.write(
                f"Demo already loaded ({summary.concerns} concerns, {summary.meetings} "
                "meetings): accounts and reference data checked, nothing else changed."
            )
        self.stdout.write(self._logins_table())
        self.stdout.write(self._tracking_table())

    def _logins_table(self) -> str:
        header = ("role", "username", "password", "sees")
        rows = [header] + [
            (login.role, login.username, DEMO_PASSWORD, login.sees) for login in LOGINS
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
        lines = ["", "Demo logins:"]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            lines.append("  " + "  ".join([*cells, row[-1]]))
        listed = {login.username for login in LOGINS}
        others = [username for username, *_ in OFFICERS if username not in listed]
        lines.append(f"  More officers, same password: {', '.join(others)}.")
        return "\n".join(lines)

    def _tracking_table(self) -> str:
        """What a resident sees: open /track/ and type the reference and the code."""
        lines = ["", "Demo tracking pages (reference and code at /track/, or the link):"]
        for label, concern, code in showcase_tracking_codes():
            lines.append(f"  {concern.reference}  {code}  {label}")
            lines.append(f"      {settings.PUBLIC_BASE_URL}{code_path(concern, code)}")
        return "\n".join(lines)
