import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0004_feed_last_fetched"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="training",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposée par un musée"),
                    ("draft", "Brouillon"),
                    ("published", "Publiée"),
                    ("cancelled", "Annulée"),
                ],
                db_index=True,
                default="draft",
                max_length=10,
                verbose_name="statut",
            ),
        ),
        migrations.AddField(
            model_name="training",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposée par",
            ),
        ),
    ]
