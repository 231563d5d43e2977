# The tables were created by the workflow app's migrations; this app takes them over as they are.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0004_existing_province'),
        ('workflow', '0006_audit_moves_to_its_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditChainHead',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('last_hash', models.CharField(max_length=64)),
                    ],
                    options={
                        'db_table': 'workflow_auditchainhead',
                    },
                ),
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(db_index=True, max_length=80, verbose_name='رویداد')),
                        ('from_state', models.CharField(blank=True, max_length=40)),
                        ('to_state', models.CharField(blank=True, max_length=40)),
                        ('actor_name', models.CharField(blank=True, max_length=200)),
                        ('on_behalf_of_name', models.CharField(blank=True, max_length=200)),
                        ('ip', models.GenericIPAddressField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(db_index=True)),
                        ('reason', models.TextField(blank=True)),
                        ('changes', models.JSONField(blank=True, default=dict)),
                        ('object_type', models.CharField(blank=True, max_length=60)),
                        ('object_id', models.CharField(blank=True, max_length=40)),
                        ('prev_hash', models.CharField(max_length=64)),
                        ('hash', models.CharField(max_length=64, unique=True)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit', to='workflow.case')),
                        ('on_behalf_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organization', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organization')),
                    ],
                    options={
                        'verbose_name': 'رویداد ممیزی',
                        'verbose_name_plural': 'رد ممیزی',
                        'db_table': 'workflow_auditentry',
                        'ordering': ['id'],
                    },
                ),
            ],
        ),
    ]
