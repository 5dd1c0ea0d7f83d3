"""`manage.py onboard_network`: a new network with its people, settings and calls, in one
step (applications.services.onboarding; docs/networks.md has an example)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from applications.services.onboarding import NewNetwork, onboard_network


def _items(value: str) -> list[str]:
    return [email.strip() for email in value.split(",") if email.strip()]


class Command(BaseCommand):
    help = "Create a network with its staff, coordinators, settings and calls."

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="Short code, e.g. BRU")
        parser.add_argument("--name", required=True)
        parser.add_argument("--languages", default="nl-be", help="e.g. fr-be,nl-be")
        parser.add_argument("--postcodes", required=True, help='e.g. "1000-1299"')
        parser.add_argument("--staff", required=True, help="E-mail addresses, comma-separated")
        parser.add_argument("--coordinators", default="")
        parser.add_argument("--invoice-prefix", default="")
        parser.add_argument("--education-open", action="store_true")
        calls = parser.add_mutually_exclusive_group()
        calls.add_argument("--share-calls-of", default="", help="Join this network's calls")
        calls.add_argument("--copy-calls-of", default="", help="Own copies of its editions")
        parser.add_argument("--calls-from", type=date.fromisoformat, default=None)

    def handle(self, *args, **options):
        new = NewNetwork(
            code=options["code"],
            name=options["name"],
            languages=_items(options["languages"]),
            postcodes=options["postcodes"],
            staff=_items(options["staff"]),
            coordinators=_items(options["coordinators"]),
            education_open=options["education_open"],
            invoice_prefix=options["invoice_prefix"],
            share_calls_of=options["share_calls_of"],
            copy_calls_of=options["copy_calls_of"],
            calls_from=options["calls_from"] or timezone.localdate(),
        )
        try:
            network = onboard_network(new)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        calls = ", ".join(str(call) for call in network.calls.all()) or "-"
        self.stdout.write(f"Network {network.code} created. Calls: {calls}")
        self.stdout.write(
            "Each person sets a password with 'Wachtwoord vergeten' on the login page."
        )
