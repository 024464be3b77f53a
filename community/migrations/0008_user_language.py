from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("community", "0007_qui_sait")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="language",
            field=models.CharField(blank=True, max_length=10, verbose_name="langue"),
        ),
    ]
