"""The cases 0006 gave existing nominations wait at the Organization of their agency's province, where the
festival HQ decides (0006 left them at the agency that owns them), and the cycles' cases name their year in
Persian digits, as the ones the service opens do."""

from django.db import migrations

from apps.core.digits import to_persian_digits


def point_at_the_organization(apps, schema_editor):
    Case = apps.get_model("workflow", "Case")
    Cycle = apps.get_model("evaluation", "Cycle")
    Organization = apps.get_model("accounts", "Organization")
    OrgUnit = apps.get_model("accounts", "OrgUnit")
    waiting = Case.objects.filter(
        process="evaluation.nomination", is_closed=False, current_org__kind="agency"
    )
    for case in waiting.select_related("owner"):
        organization = (
            Organization.objects.filter(kind="province", province_id=case.owner.province_id)
            .order_by("id")
            .first()
        )
        unit = OrgUnit.objects.filter(organization=organization, code="management").first()
        Case.objects.filter(pk=case.pk).update(current_org=organization, current_unit=unit)
    for cycle in Cycle.objects.exclude(case=None):
        Case.objects.filter(pk=cycle.case_id, title=f"دوره ارزیابی عملکرد {cycle.year}").update(
            title=f"دوره ارزیابی عملکرد {to_persian_digits(cycle.year)}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0006_cycle_nomination_cases"),
    ]

    operations = [
        migrations.RunPython(point_at_the_organization, migrations.RunPython.noop),
    ]
