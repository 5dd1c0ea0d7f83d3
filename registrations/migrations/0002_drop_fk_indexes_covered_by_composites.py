"""Drop the single-column indexes of Registration.allocation and .psychologist: the
(allocation, date) and (psychologist, date) indexes lead with them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registrations', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='registration',
            name='allocation',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='applications.allocation', verbose_name='toekenning'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='psychologist',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='portal.psychologist'),
        ),
    ]
