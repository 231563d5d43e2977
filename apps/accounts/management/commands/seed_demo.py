"""Loads the demo provinces and every service's demo cases, then prints one login per role."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.accounts.demo import DEMO_PASSWORD, ILAM, KHUZESTAN, agency_rows, demo_logins, world_build
from apps.accounts.models import Organization
from apps.core import demo

# The second province is small: its agencies all get demo cases, up to this many.
SECOND_PROVINCE_CASES_FOR = 2


class Command(BaseCommand):
    help = (
        "Load demo data (two provinces: 75 agencies and a smaller one of 3, users for every role, cases in "
        "each state) and print demo logins"
    )

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=None, help="load only the first N agencies")
        parser.add_argument("--cases-for", type=int, default=5, help="agencies that get demo cases")

    def handle(self, *args, **options):
        call_command("load_holidays", verbosity=0)
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        loads = (
            (KHUZESTAN, agency_rows(options["agencies"]), options["cases_for"]),
            (ILAM, agency_rows(province=ILAM), min(options["cases_for"], SECOND_PROVINCE_CASES_FOR)),
        )
        for position, (province, rows, cases_for) in enumerate(loads):
            world = world_build(agencies=rows, province=province)
            agencies = list(Organization.objects.filter(code__in=[r["code"] for r in rows]).order_by("code"))
            for agency in agencies[:cases_for]:
                if agency.cases.exists():
                    continue  # already seeded: running the command again adds nothing
                for _name, build in demo.builders():
                    build(world, agency)
            self.stdout.write(self.style.SUCCESS(f"استان {province.name}: {len(agencies)} agencies."))
            for label, username in demo_logins(
                world, first_agency_id=agencies[0].id, with_national=position == 0
            ):
                self.stdout.write(f"  {username:<16} {label}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
