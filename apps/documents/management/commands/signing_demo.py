"""Makes a demo authority and signing certificate in a folder: for a test or staging desk, never real documents."""

from pathlib import Path

from django.core.management.base import BaseCommand

from apps.documents.signing import DEMO_P12, DEMO_PASSPHRASE, DEMO_ROOT, demo_authority


class Command(BaseCommand):
    help = "Writes signing.p12, its passphrase and the demo root certificate into FOLDER (kept if there)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options):
        folder = demo_authority(folder.resolve())
        self.stdout.write(f"KHEDMAT_SIGNING_P12={folder / DEMO_P12}")
        self.stdout.write(f"KHEDMAT_SIGNING_PASSPHRASE=$(cat {folder / DEMO_PASSPHRASE})")
        self.stdout.write(f"KHEDMAT_SIGNING_TRUST_ROOTS={folder / DEMO_ROOT}")
