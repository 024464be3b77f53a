import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0005_search_configuration"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="structure",
            name="contacts",
            field=models.ManyToManyField(
                blank=True,
                related_name="structures_vouching",
                to=settings.AUTH_USER_MODEL,
                verbose_name="contacts désignés",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="vouch",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Pas de réponse"),
                    ("works_here", "Travaille dans la structure"),
                    ("unknown", "Inconnu·e de la structure"),
                ],
                default="",
                max_length=12,
                verbose_name="confirmation de la structure",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="vouched_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="confirmée par",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="vouched_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="confirmée le"),
        ),
    ]
