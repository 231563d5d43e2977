"""Loads the demo province and every service's demo cases, then prints one login per role."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.accounts.demo import DEMO_PASSWORD, agency_rows, demo_logins, world_build
from apps.accounts.models import Organization
from apps.core import demo


class Command(BaseCommand):
    help = "Load demo data (75 agencies, users for every role, cases in each state) and print demo logins"

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=None, help="load only the first N agencies")
        parser.add_argument("--cases-for", type=int, default=5, help="agencies that get demo cases")

    def handle(self, *args, **options):
        call_command("load_holidays", verbosity=0)
        rows = agency_rows(options["agencies"])
        world = world_build(agencies=rows)
        agencies = list(Organization.objects.filter(code__in=[r["code"] for r in rows]).order_by("code"))
        for agency in agencies[: options["cases_for"]]:
            if agency.cases.exists():
                continue  # already seeded: running the command again adds nothing
            for _name, build in demo.builders():
                build(world, agency)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(agencies)} agencies."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for label, username in demo_logins(world, first_agency_id=agencies[0].id):
            self.stdout.write(f"  {username:<16} {label}")
