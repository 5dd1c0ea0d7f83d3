"""Seed the hourly rate of pseudocode 726994: EUR 86.69 from 2024-01-01."""

from datetime import date
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Rate = apps.get_model("billing", "Rate")
    Rate.objects.get_or_create(
        effective_from=date(2024, 1, 1), defaults={"hourly_rate": Decimal("86.69")}
    )


def unseed(apps, schema_editor):
    apps.get_model("billing", "Rate").objects.filter(effective_from=date(2024, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
