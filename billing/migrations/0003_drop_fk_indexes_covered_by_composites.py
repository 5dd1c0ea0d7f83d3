"""Drop single-column foreign key indexes that a composite index or unique constraint
leading with the same column already covers."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0002_seed_rate'),
    ]

    operations = [
        migrations.AlterField(
            model_name='billingrun',
            name='network',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='billing_runs', to='portal.network', verbose_name='netwerk'),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='psychologist',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='portal.psychologist', verbose_name='psycholoog'),
        ),
        migrations.AlterField(
            model_name='invoicesequence',
            name='network',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.network'),
        ),
    ]
