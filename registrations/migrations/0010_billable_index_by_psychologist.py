"""The partial index of billable registrations led by the psychologist: by allocation alone
it made the billing run read every billable row of the country per batch (issue 17)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registrations', '0009_billable_allocation_index'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='registration',
            name='registration_billable_alloc',
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(condition=models.Q(('is_billed', False), ('is_credited', False)), fields=['psychologist', 'allocation'], name='registration_billable'),
        ),
    ]
