"""Each user's preferred language; theme names in every language (the Dutch texts move
into the Dutch column)."""

from django.db import migrations, models


def dutch_theme_names(apps, schema_editor):
    """Fill only empty Dutch names, so running it again never overwrites an edited one."""
    Theme = apps.get_model("portal", "Theme")
    for theme in Theme.objects.filter(name_nl_be__isnull=True):
        theme.name_nl_be = theme.__dict__["name"]
        theme.save(update_fields=["name_nl_be"])


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0002_data_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='theme',
            name='name_en',
            field=models.CharField(max_length=80, null=True, unique=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='theme',
            name='name_fr_be',
            field=models.CharField(max_length=80, null=True, unique=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='theme',
            name='name_nl_be',
            field=models.CharField(max_length=80, null=True, unique=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='user',
            name='language',
            field=models.CharField(choices=[('nl-be', 'Nederlands'), ('fr-be', 'Français'), ('en', 'English')], default='nl-be', help_text="De taal van de pagina's, e-mails en facturen voor deze gebruiker.", max_length=10, verbose_name='taal'),
        ),
        migrations.RunPython(dutch_theme_names, migrations.RunPython.noop),
    ]
