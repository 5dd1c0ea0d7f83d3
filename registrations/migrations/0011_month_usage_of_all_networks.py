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

# The month rows are rewritten all over the table (a registration's recount, the billed
# minutes of a month after each run), which leaves the visibility map stale and the
# covering index answering through the table; vacuumed once a hundredth changed instead of
# a fifth (about 8,000 rows at national scale, a run's month or a day's registrations).
AUTOVACUUM = (
    "ALTER TABLE registrations_allocationmonthusage SET "
    "(autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01)"
)
AUTOVACUUM_RESET = (
    "ALTER TABLE registrations_allocationmonthusage RESET "
    "(autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor)"
)


def on_postgresql(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


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
        migrations.RunPython(on_postgresql(AUTOVACUUM), on_postgresql(AUTOVACUUM_RESET)),
    ]
