from django.db import migrations, models

DOMAINS = [
    "Archéologie",
    "Beaux-arts",
    "Arts décoratifs",
    "Ethnologie",
    "Histoire",
    "Histoire naturelle",
    "Patrimoine scientifique et technique",
    "Art contemporain",
    "Photographie",
    "Arts graphiques",
]
SKILLS = [
    "Régie",
    "Conservation préventive",
    "Récolement",
    "Inventaire",
    "Numérisation",
    "Médiation",
    "Publics empêchés",
    "Restauration",
    "Sûreté",
    "Documentation",
    "Expositions",
    "Droits et images",
]


def fill(apps, _schema_editor):
    for model, names in (("CollectionDomain", DOMAINS), ("Skill", SKILLS)):
        model = apps.get_model("community", model)
        for position, name in enumerate(names):
            model.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("community", "0006_structure_contacts_and_vouch")]

    operations = [
        migrations.CreateModel(
            name="CollectionDomain",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, unique=True, verbose_name="nom")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="ordre")),
            ],
            options={
                "verbose_name": "domaine de collections",
                "verbose_name_plural": "domaines de collections",
                "ordering": ["position", "name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Skill",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, unique=True, verbose_name="nom")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="ordre")),
            ],
            options={
                "verbose_name": "compétence",
                "verbose_name_plural": "compétences",
                "ordering": ["position", "name"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="user",
            name="domains",
            field=models.ManyToManyField(
                blank=True,
                related_name="people",
                to="community.collectiondomain",
                verbose_name="domaines",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="skills",
            field=models.ManyToManyField(
                blank=True, related_name="people", to="community.skill", verbose_name="compétences"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
