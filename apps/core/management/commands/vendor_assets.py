"""Copies the front-end assets installed by npm into the desk's own static files (no CDN)."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ASSETS = {
    "bootstrap/dist/css/bootstrap.rtl.min.css": "bootstrap/bootstrap.rtl.min.css",
    "bootstrap/dist/css/bootstrap.rtl.min.css.map": "bootstrap/bootstrap.rtl.min.css.map",
    "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
    "bootstrap/dist/js/bootstrap.bundle.min.js.map": "bootstrap/bootstrap.bundle.min.js.map",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "chart.js/dist/chart.umd.min.js": "chartjs/chart.umd.min.js",
    "chart.js/dist/chart.umd.min.js.map": "chartjs/chart.umd.min.js.map",
    "vazirmatn/Vazirmatn-font-face.css": "vazirmatn/Vazirmatn-font-face.css",
    "vazirmatn/fonts/webfonts": "vazirmatn/fonts/webfonts",
    "vazirmatn/fonts/ttf": "vazirmatn/fonts/ttf",
    # The Jalali calendar that opens under every date field (apps/core/static/core/datepicker.js).
    "@majidh1/jalalidatepicker/dist/jalalidatepicker.min.js": "jalalidatepicker/jalalidatepicker.min.js",
    "@majidh1/jalalidatepicker/dist/jalalidatepicker.min.css": "jalalidatepicker/jalalidatepicker.min.css",
    "@majidh1/jalalidatepicker/LICENSE": "jalalidatepicker/LICENSE",
}


class Command(BaseCommand):
    help = "Copy Bootstrap RTL, htmx, Chart.js, Vazirmatn and the Jalali date picker from node_modules into static/vendor"

    def handle(self, *args, **options):
        source = Path(settings.BASE_DIR) / "node_modules"
        target = Path(__file__).resolve().parents[2] / "static" / "vendor"
        for src, dst in ASSETS.items():
            origin = source / src
            if not origin.exists():
                raise CommandError(f"{origin} is missing: run `npm ci` first")
            destination = target / dst
            destination.parent.mkdir(parents=True, exist_ok=True)
            if origin.is_dir():
                shutil.copytree(origin, destination, dirs_exist_ok=True)
            else:
                shutil.copy2(origin, destination)
        self.stdout.write(f"vendor assets copied to {target}")
