"""Call editions (schema): the tables, and the new columns still empty (0009 fills them)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0007_call_translations'),
        ('portal', '0006_psychologist_listing_and_languages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CallEdition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(verbose_name='geldig vanaf')),
                ('valid_until', models.DateField(blank=True, null=True, verbose_name='geldig tot en met')),
                ('notes', models.TextField(blank=True, max_length=2000, verbose_name='wat deze editie verandert')),
                ('quota_minutes', models.PositiveIntegerField(verbose_name='quotum (minuten)')),
                ('quota_basis', models.CharField(choices=[('psychologist_findplace', 'per psycholoog per vindplaats'), ('findplace', 'per vindplaats'), ('agreement', 'per samenwerkingsovereenkomst'), ('psychologist', 'per psycholoog')], max_length=32, verbose_name='quotum per')),
                ('window_months', models.PositiveSmallIntegerField(default=12, verbose_name='looptijd (maanden)')),
                ('start_bonus_minutes', models.PositiveIntegerField(default=0, verbose_name='startbonus (minuten)')),
                ('start_bonus_months', models.PositiveSmallIntegerField(default=0, verbose_name='startbonus geldig (maanden)')),
                ('exception_quota_minutes', models.PositiveIntegerField(default=0, verbose_name='uitzonderingsquotum OverKophuis (minuten)')),
                ('requires_findplace', models.BooleanField(default=False, verbose_name='vindplaats verplicht')),
                ('requires_leisure_findplace', models.BooleanField(default=False, verbose_name='enkel vindplaatsen met vrije tijd en ontmoeting')),
                ('requires_structural_offer', models.BooleanField(default=False, verbose_name='structureel aanbod vereist')),
                ('requires_agreement', models.BooleanField(default=False, verbose_name='samenwerkingsovereenkomst vereist')),
                ('requires_partner_confirmation', models.BooleanField(default=False, verbose_name='bevestiging door de partner vereist')),
                ('requires_portfolio', models.BooleanField(default=False, verbose_name='portfolio vereist')),
                ('min_weekly_individual_minutes', models.PositiveIntegerField(default=0, verbose_name='minimum individuele sessies per week (minuten)')),
                ('min_group_trajectories', models.PositiveSmallIntegerField(default=0, verbose_name='minimum groepstrajecten per jaar')),
                ('exclusions_apply', models.BooleanField(default=False, verbose_name='uitsluitingen van toepassing')),
                ('open_for_education', models.BooleanField(default=False, verbose_name='open voor onderwijs')),
                ('prep_counts_against_quota', models.BooleanField(default=True, verbose_name='voorbereiding telt mee in het quotum')),
                ('hours_chosen_by_applicant', models.BooleanField(default=False, verbose_name='aanvrager kiest het aantal uren')),
                ('forms_register', models.BooleanField(default=False, verbose_name='vormt het register van psychologen')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'editie van een oproep',
                'verbose_name_plural': 'edities van oproepen',
                'ordering': ['call', 'valid_from'],
            },
        ),
        migrations.CreateModel(
            name='EditionWorkForm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('work_form', models.CharField(choices=[('consultation', 'Overleg met de vindplaats'), ('presence', 'Presentie'), ('advice', 'Advies en kennisdeling'), ('orientation', 'Oriëntatie'), ('co_consult', 'Co-consult'), ('case_intervision', 'Casusbespreking / casusspecifieke intervisie'), ('theme_intervision', 'Themaspecifieke intervisie'), ('workshop', 'Toelichting / vorming / workshop')], max_length=32, verbose_name='werkvorm')),
                ('min_attendees', models.PositiveSmallIntegerField(default=1, verbose_name='minimum aanwezigen')),
                ('min_minutes', models.PositiveIntegerField(blank=True, null=True, verbose_name='minimumduur (minuten)')),
                ('max_minutes', models.PositiveIntegerField(blank=True, null=True, verbose_name='maximumduur (minuten)')),
                ('prep_minutes', models.PositiveIntegerField(default=0, verbose_name='voorbereiding (minuten)')),
                ('requires_consent', models.BooleanField(default=False, verbose_name='toestemming cliënt vereist')),
            ],
            options={
                'verbose_name': 'werkvorm van een editie',
                'verbose_name_plural': 'werkvormen van edities',
                'ordering': ['edition', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCallEdition',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('valid_from', models.DateField(verbose_name='geldig vanaf')),
                ('valid_until', models.DateField(blank=True, null=True, verbose_name='geldig tot en met')),
                ('notes', models.TextField(blank=True, max_length=2000, verbose_name='wat deze editie verandert')),
                ('quota_minutes', models.PositiveIntegerField(verbose_name='quotum (minuten)')),
                ('quota_basis', models.CharField(choices=[('psychologist_findplace', 'per psycholoog per vindplaats'), ('findplace', 'per vindplaats'), ('agreement', 'per samenwerkingsovereenkomst'), ('psychologist', 'per psycholoog')], max_length=32, verbose_name='quotum per')),
                ('window_months', models.PositiveSmallIntegerField(default=12, verbose_name='looptijd (maanden)')),
                ('start_bonus_minutes', models.PositiveIntegerField(default=0, verbose_name='startbonus (minuten)')),
                ('start_bonus_months', models.PositiveSmallIntegerField(default=0, verbose_name='startbonus geldig (maanden)')),
                ('exception_quota_minutes', models.PositiveIntegerField(default=0, verbose_name='uitzonderingsquotum OverKophuis (minuten)')),
                ('requires_findplace', models.BooleanField(default=False, verbose_name='vindplaats verplicht')),
                ('requires_leisure_findplace', models.BooleanField(default=False, verbose_name='enkel vindplaatsen met vrije tijd en ontmoeting')),
                ('requires_structural_offer', models.BooleanField(default=False, verbose_name='structureel aanbod vereist')),
                ('requires_agreement', models.BooleanField(default=False, verbose_name='samenwerkingsovereenkomst vereist')),
                ('requires_partner_confirmation', models.BooleanField(default=False, verbose_name='bevestiging door de partner vereist')),
                ('requires_portfolio', models.BooleanField(default=False, verbose_name='portfolio vereist')),
                ('min_weekly_individual_minutes', models.PositiveIntegerField(default=0, verbose_name='minimum individuele sessies per week (minuten)')),
                ('min_group_trajectories', models.PositiveSmallIntegerField(default=0, verbose_name='minimum groepstrajecten per jaar')),
                ('exclusions_apply', models.BooleanField(default=False, verbose_name='uitsluitingen van toepassing')),
                ('open_for_education', models.BooleanField(default=False, verbose_name='open voor onderwijs')),
                ('prep_counts_against_quota', models.BooleanField(default=True, verbose_name='voorbereiding telt mee in het quotum')),
                ('hours_chosen_by_applicant', models.BooleanField(default=False, verbose_name='aanvrager kiest het aantal uren')),
                ('forms_register', models.BooleanField(default=False, verbose_name='vormt het register van psychologen')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historiek van een editie',
                'verbose_name_plural': 'historiek van edities',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name='call',
            options={'ordering': ['number', 'id'], 'verbose_name': 'oproep', 'verbose_name_plural': 'oproepen'},
        ),
        migrations.AddField(
            model_name='call',
            name='code',
            field=models.SlugField(max_length=30, null=True, unique=True, verbose_name='code'),
        ),
        migrations.AddField(
            model_name='call',
            name='networks',
            field=models.ManyToManyField(blank=True, related_name='calls', to='portal.network', verbose_name='netwerken'),
        ),
        migrations.AlterField(
            model_name='call',
            name='number',
            field=models.PositiveSmallIntegerField(verbose_name='nummer'),
        ),
        migrations.AddField(
            model_name='calledition',
            name='call',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='editions', to='applications.call'),
        ),
        migrations.AddField(
            model_name='calledition',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangemaakt door'),
        ),
        migrations.AddField(
            model_name='allocation',
            name='edition',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='allocations', to='applications.calledition', verbose_name='editie'),
        ),
        migrations.AddField(
            model_name='application',
            name='edition',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='applications.calledition', verbose_name='editie'),
        ),
        migrations.AddField(
            model_name='editionworkform',
            name='edition',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='work_forms', to='applications.calledition'),
        ),
        migrations.AddField(
            model_name='historicalcalledition',
            name='call',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='applications.call'),
        ),
        migrations.AddField(
            model_name='historicalcalledition',
            name='created_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangemaakt door'),
        ),
        migrations.AddField(
            model_name='historicalcalledition',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='calledition',
            constraint=models.CheckConstraint(condition=models.Q(('window_months__gte', 1)), name='edition_window_at_least_one_month'),
        ),
        migrations.AddConstraint(
            model_name='calledition',
            constraint=models.CheckConstraint(condition=models.Q(('quota_minutes__gte', 1)), name='edition_quota_positive'),
        ),
        migrations.AddConstraint(
            model_name='calledition',
            constraint=models.CheckConstraint(condition=models.Q(('valid_until__isnull', True), ('valid_until__gte', models.F('valid_from')), _connector='OR'), name='edition_validity_ordered'),
        ),
        migrations.AddConstraint(
            model_name='calledition',
            constraint=models.UniqueConstraint(fields=('call', 'valid_from'), name='edition_start_unique'),
        ),
        migrations.AddConstraint(
            model_name='editionworkform',
            constraint=models.UniqueConstraint(fields=('edition', 'work_form'), name='edition_work_form_unique'),
        ),
        migrations.AddConstraint(
            model_name='editionworkform',
            constraint=models.CheckConstraint(condition=models.Q(('min_minutes__isnull', True), ('max_minutes__isnull', True), ('min_minutes__lte', models.F('max_minutes')), _connector='OR'), name='edition_work_form_bounds_ordered'),
        ),
        migrations.AddConstraint(
            model_name='editionworkform',
            constraint=models.CheckConstraint(condition=models.Q(('min_attendees__gte', 1)), name='edition_work_form_attendees_positive'),
        ),
    ]
