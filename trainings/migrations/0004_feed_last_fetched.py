from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trainings", "0003_certificate_verification")]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="last_fetched_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
