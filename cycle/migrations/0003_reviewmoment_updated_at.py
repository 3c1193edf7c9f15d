import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cycle", "0002_panels_every_other_year_from_2022_23"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewmoment",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="laatst gewijzigd"
            ),
            preserve_default=False,
        ),
    ]
