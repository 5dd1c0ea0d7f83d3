"""Call names and descriptions in every language: the Dutch texts move into the Dutch
columns, and the four seeded calls get their French and English names (0003's CALLS)."""

import importlib

from django.db import migrations, models

SEED = importlib.import_module("applications.migrations.0003_seed_calls")
TRANSLATED = ("name_fr_be", "name_en")


def translate_calls(apps, schema_editor):
    """Fill only empty columns, so running it again never overwrites an edited text."""
    Call = apps.get_model("applications", "Call")
    seeded = {spec["name"]: spec for spec in SEED.CALLS}
    for call in Call.objects.all():
        call.name_nl_be = call.name_nl_be or call.__dict__["name"]
        call.description_nl_be = call.description_nl_be or call.__dict__["description"]
        spec = seeded.get(call.name_nl_be, {})
        for column in TRANSLATED:
            if not getattr(call, column) and spec.get(column):
                setattr(call, column, spec[column])
        call.save(update_fields=["name_nl_be", "description_nl_be", *TRANSLATED])


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0006_audit_actions_as_choices'),
    ]

    operations = [
        migrations.AddField(
            model_name='call',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='uitleg'),
        ),
        migrations.AddField(
            model_name='call',
            name='description_fr_be',
            field=models.TextField(blank=True, null=True, verbose_name='uitleg'),
        ),
        migrations.AddField(
            model_name='call',
            name='description_nl_be',
            field=models.TextField(blank=True, null=True, verbose_name='uitleg'),
        ),
        migrations.AddField(
            model_name='call',
            name='name_en',
            field=models.CharField(max_length=160, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='call',
            name='name_fr_be',
            field=models.CharField(max_length=160, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='call',
            name='name_nl_be',
            field=models.CharField(max_length=160, null=True, verbose_name='naam'),
        ),
        migrations.RunPython(translate_calls, migrations.RunPython.noop),
    ]
