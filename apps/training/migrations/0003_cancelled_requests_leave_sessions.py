"""Requests cancelled before issue 21 stayed in their sessions: they leave the ones still running."""

from django.db import migrations


def leave(apps, schema_editor):
    TrainingRequest = apps.get_model("training", "TrainingRequest")
    # As the cancel action now does at once, for sessions whose results are not yet out; an examined or
    # certified session, and a cancelled one, keep their record as it was issued.
    TrainingRequest.objects.filter(
        case__state="cancelled", session__state__in=("scheduled", "announced", "held")
    ).update(session=None)


class Migration(migrations.Migration):
    dependencies = [("training", "0002_session_certified_by"), ("workflow", "0001_initial")]

    operations = [migrations.RunPython(leave, migrations.RunPython.noop)]
