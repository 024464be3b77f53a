from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("community", "0003_structure_verified")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="photo",
            field=models.CharField(blank=True, max_length=200, verbose_name="photo"),
        ),
    ]
