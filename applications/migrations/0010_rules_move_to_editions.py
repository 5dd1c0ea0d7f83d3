"""Call editions (schema): the rules leave the call for its editions (0009 copied them),
and every application and allocation now names its edition.

CallWorkForm is deleted whole, without removing its `call` first: on SQLite that removal
rebuilds the table, whose ordering and unique constraint still name the column.
"""

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0009_first_edition"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='call',
            name='call_window_at_least_one_month',
        ),
        migrations.RemoveField(
            model_name='call',
            name='exception_quota_minutes',
        ),
        migrations.RemoveField(
            model_name='call',
            name='exclusions_apply',
        ),
        migrations.RemoveField(
            model_name='call',
            name='hours_chosen_by_applicant',
        ),
        migrations.RemoveField(
            model_name='call',
            name='min_group_trajectories',
        ),
        migrations.RemoveField(
            model_name='call',
            name='min_weekly_individual_minutes',
        ),
        migrations.RemoveField(
            model_name='call',
            name='open_for_education',
        ),
        migrations.RemoveField(
            model_name='call',
            name='prep_counts_against_quota',
        ),
        migrations.RemoveField(
            model_name='call',
            name='quota_basis',
        ),
        migrations.RemoveField(
            model_name='call',
            name='quota_minutes',
        ),
        migrations.RemoveField(
            model_name='call',
            name='requires_agreement',
        ),
        migrations.RemoveField(
            model_name='call',
            name='requires_findplace',
        ),
        migrations.RemoveField(
            model_name='call',
            name='requires_leisure_findplace',
        ),
        migrations.RemoveField(
            model_name='call',
            name='requires_partner_confirmation',
        ),
        migrations.RemoveField(
            model_name='call',
            name='requires_portfolio',
        ),
        migrations.RemoveField(
            model_name='call',
            name='requires_structural_offer',
        ),
        migrations.RemoveField(
            model_name='call',
            name='start_bonus_minutes',
        ),
        migrations.RemoveField(
            model_name='call',
            name='start_bonus_months',
        ),
        migrations.RemoveField(
            model_name='call',
            name='window_months',
        ),
        migrations.DeleteModel(
            name='CallWorkForm',
        ),
        migrations.AlterField(
            model_name="call",
            name="code",
            field=models.SlugField(max_length=30, unique=True, verbose_name="code"),
        ),
        migrations.AlterField(
            model_name="application",
            name="edition",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="applications", to="applications.calledition", verbose_name="editie"),
        ),
        migrations.AlterField(
            model_name="allocation",
            name="edition",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="allocations", to="applications.calledition", verbose_name="editie"),
        ),
    ]
