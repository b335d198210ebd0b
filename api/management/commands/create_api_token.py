"""Create an API token for a user and print it (once): for scripts and the demo.

python manage.py create_api_token secretary.istok --name "Demo" [--days 30]
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services


class Command(BaseCommand):
    help = "Create a named API token for USERNAME and print it; it is not stored in clear."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True)
        parser.add_argument("--days", type=int, default=30, choices=services.LIFETIMES_DAYS)

    def handle(self, *args, username, name, days, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        try:
            # As the owner: the command stands for them, as their own page would.
            _token, text = services.create_token(user, name=name, days=days, by=user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(text)
