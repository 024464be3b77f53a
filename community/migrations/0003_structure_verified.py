from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("community", "0002_membership_decided_by")]

    operations = [
        migrations.AddField(
            model_name="structure",
            name="verified",
            field=models.BooleanField(default=True, verbose_name="vérifiée"),
        ),
    ]
