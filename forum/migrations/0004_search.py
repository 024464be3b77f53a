"""What search reads of each forum post (PostSearch), filled for the posts already there; on
PostgreSQL its tsvector is under a GIN index."""

import unicodedata

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FILL_POSTGRES = """
INSERT INTO cimaise_forum_postsearch (post_id, topic_id, approved, folded, vector)
SELECT p.id, p.topic_id, p.approved, '',
       setweight(to_tsvector('cimaise_french', t.subject), 'A')
       || setweight(to_tsvector('cimaise_french', coalesce(p.content, '')), 'B')
FROM forum_conversation_post p JOIN forum_conversation_topic t ON t.id = p.topic_id
"""
INDEX = (
    "CREATE INDEX cimaise_forum_postsearch_vector ON cimaise_forum_postsearch USING gin (vector)"
)
DROP_INDEX = "DROP INDEX IF EXISTS cimaise_forum_postsearch_vector"


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX, params=None)
        schema_editor.execute(FILL_POSTGRES, params=None)
        return
    Post = apps.get_model("forum_conversation", "Post")
    PostSearch = apps.get_model("cimaise_forum", "PostSearch")
    rows = []
    for post in Post.objects.select_related("topic").iterator():
        title = post.topic.subject
        rows.append(
            PostSearch(
                post_id=post.pk,
                topic_id=post.topic_id,
                approved=post.approved,
                folded=_fold(f"{title}\n{post.content}"),
            )
        )
    PostSearch.objects.bulk_create(rows, batch_size=500)


def unfill(apps, schema_editor):  # noqa: ARG001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("cimaise_forum", "0003_cap_stored_poll_durations"),
        ("forum_conversation", "0013_auto_20201220_1745"),
        ("community", "0005_search_configuration"),
    ]

    operations = [
        migrations.CreateModel(
            name="PostSearch",
            fields=[
                (
                    "post",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="forum_conversation.post",
                    ),
                ),
                ("approved", models.BooleanField(default=True)),
                ("folded", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="forum_conversation.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "index de recherche d'un message",
                "verbose_name_plural": "index de recherche des messages",
            },
        ),
        migrations.RunPython(fill, unfill, elidable=False),
    ]
