"""Rebuild the monthly concern figures (monitoring.monthly) from the concerns, or check them.

manage.py rebuild_monitoring_figures              # every council
manage.py rebuild_monitoring_figures --council 3  # one council
manage.py rebuild_monitoring_figures --check      # report drift, change nothing
"""

import time

from django.core.management.base import BaseCommand

from monitoring.monthly import build


class Command(BaseCommand):
    help = "Rebuild (or --check) the monthly concern figures the dashboards read."

    def add_arguments(self, parser):
        parser.add_argument("--council", type=int, action="append", dest="councils")
        parser.add_argument("--check", action="store_true", help="report drift only")

    def handle(self, *args, councils=None, check=False, **options):
        started = time.perf_counter()
        if check:
            found = build.drift(councils)
            for council_id, months in sorted(found.items()):
                listed = ", ".join(m.strftime("%Y-%m") for m in sorted(months))
                self.stdout.write(f"council {council_id}: {listed}")
            self.stdout.write(
                f"{sum(len(m) for m in found.values())} (council, month) keys drifted"
            )
            return
        read = build.rebuild(councils)
        self.stdout.write(
            f"{read} concerns read into monthly figures in {time.perf_counter() - started:.1f} s"
        )
