"""The forums of the museum professions, and the permissions every member holds on any forum.

The permissions are global rows (forum=None) for all authenticated users, so a forum created
later in the admin gets them without any manual work; who counts as a member, a moderator or
staff is decided by forum.machina_apps.forum_permission.checker from community.roles.
"""

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

CATEGORIES = [
    (
        "Métiers des collections",
        [
            ("Conservation préventive", "Climat, lumière, nuisibles, constats d'état, restauration."),
            ("Régie et mouvements d'œuvres", "Prêts, emballage, transport, assurances, convoiement."),
            ("Inventaire et documentation", "Inventaire réglementaire, récolement, bases de données."),
        ],
    ),
    (
        "Publics et outils",
        [
            ("Médiation et publics", "Visites, ateliers, accessibilité, éducation artistique."),
            ("Numérique", "Sites, numérisation, réseaux sociaux, outils collaboratifs."),
            ("Sécurité et sûreté", "Sûreté des collections, sécurité incendie, plans de sauvegarde."),
            ("Juridique et administration", "Marchés publics, droits, statuts, budgets."),
        ],
    ),
    (
        "Le réseau",
        [
            ("Emploi et stages", "Offres, recherches de stage, conseils de carrière."),
            ("Vie du réseau", "Annonces de l'association, rencontres, entraide."),
        ],
    ),
]

MEMBER_PERMISSIONS = [
    "can_see_forum",
    "can_read_forum",
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_post_without_approval",
    "can_create_polls",
    "can_vote_in_polls",
    "can_attach_file",
    "can_download_file",
]

FORUM_POST, FORUM_CAT = 0, 1


def create(apps, schema_editor):
    Forum = apps.get_model("forum", "Forum")
    ForumPermission = apps.get_model("forum_permission", "ForumPermission")
    UserForumPermission = apps.get_model("forum_permission", "UserForumPermission")
    now = timezone.now()

    if not Forum.objects.exists():
        # Historical models have no MPTT manager: the nested-set values are written by hand.
        for tree_id, (category, forums) in enumerate(CATEGORIES, start=1):
            root = Forum.objects.create(
                name=category,
                slug=slugify(category),
                description="",
                type=FORUM_CAT,
                parent=None,
                lft=1,
                rght=2 * len(forums) + 2,
                tree_id=tree_id,
                level=0,
                created=now,
                updated=now,
            )
            for index, (name, description) in enumerate(forums):
                Forum.objects.create(
                    name=name,
                    slug=slugify(name),
                    description=description,
                    _description_rendered=f"<p>{description}</p>",
                    type=FORUM_POST,
                    parent=root,
                    lft=2 + 2 * index,
                    rght=3 + 2 * index,
                    tree_id=tree_id,
                    level=1,
                    created=now,
                    updated=now,
                )

    for codename in MEMBER_PERMISSIONS:
        permission, _ = ForumPermission.objects.get_or_create(codename=codename)
        UserForumPermission.objects.get_or_create(
            permission=permission,
            forum=None,
            user=None,
            anonymous_user=False,
            authenticated_user=True,
            defaults={"has_perm": True},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cimaise_forum", "0001_initial"),
        ("forum", "0011_auto_20190627_2132"),
        ("forum_permission", "0005_userforumpermission_authenticated_user"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
