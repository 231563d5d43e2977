"""Puts the organizations of a one-province deployment into that province: Khuzestan, the demo data's."""

from django.db import migrations

# The province every deployment before provinces served (/work/shared/data: agencies_khuzestan.csv).
CODE, NAME, PREFIX = "khuzestan", "خوزستان", "11"


def forwards(apps, schema_editor):
    Organization = apps.get_model("accounts", "Organization")
    Province = apps.get_model("accounts", "Province")
    provincial = Organization.objects.exclude(kind="national").filter(province__isnull=True)
    if not provincial.exists():
        return
    province, _ = Province.objects.get_or_create(
        code=CODE, defaults={"name": NAME, "tracking_prefix": PREFIX}
    )
    provincial.update(province=province)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_provinces")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
