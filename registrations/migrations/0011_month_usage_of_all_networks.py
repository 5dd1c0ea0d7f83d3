import django.db.models.deletion
from django.db import migrations, models

# Every month row takes its allocation's psychologist, which never changes.
COPY_PSYCHOLOGIST = """
UPDATE registrations_allocationmonthusage
SET psychologist_id = (
    SELECT psychologist_id FROM applications_allocation
    WHERE applications_allocation.id = registrations_allocationmonthusage.allocation_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0010_billable_index_by_psychologist"),
    ]

    operations = [
        migrations.AddField(
            model_name="allocationmonthusage",
            name="psychologist",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="portal.psychologist",
            ),
        ),
        migrations.RunSQL(COPY_PSYCHOLOGIST, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="allocationmonthusage",
            name="psychologist",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="portal.psychologist",
            ),
        ),
        migrations.AddIndex(
            model_name="allocationmonthusage",
            index=models.Index(
                fields=["month"],
                include=("network", "psychologist", "registered_minutes", "billed_minutes"),
                name="month_usage_all_networks",
            ),
        ),
    ]
