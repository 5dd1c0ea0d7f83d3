import django.db.models.deletion
from django.db import migrations, models


def count_existing(apps, schema_editor):
    from registrations.usage import recount_months

    allocations = apps.get_model("applications", "Allocation").objects.all()
    recount_months(allocations, apps.get_model("registrations", "Registration"))


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0011_agreement_evaluations"),
        ("portal", "0011_worker_heartbeat"),
        ("registrations", "0007_allocation_usage"),
    ]

    operations = [
        migrations.CreateModel(
            name="AllocationMonthUsage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="maand")),
                (
                    "registered_minutes",
                    models.PositiveIntegerField(default=0, verbose_name="geregistreerde minuten"),
                ),
                (
                    "billed_minutes",
                    models.PositiveIntegerField(default=0, verbose_name="gefactureerde minuten"),
                ),
                (
                    "duration_minutes",
                    models.PositiveIntegerField(default=0, verbose_name="activiteitsminuten"),
                ),
                (
                    "request_duration_minutes",
                    models.PositiveIntegerField(
                        default=0, verbose_name="activiteitsminuten op een ondersteuningsvraag"
                    ),
                ),
                (
                    "allocation",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="monthly_usage",
                        to="applications.allocation",
                    ),
                ),
                (
                    "network",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="portal.network",
                    ),
                ),
            ],
            options={
                "verbose_name": "maandgebruik van een toekenning",
                "verbose_name_plural": "maandgebruik van toekenningen",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("allocation", "month"), name="month_usage_once"
                    )
                ],
                "indexes": [
                    models.Index(fields=["network", "month"], name="month_usage_network")
                ],
            },
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
