"""Polls stored before the duration was bounded (365 days at most) are capped: a duration of
millions of days overflowed machina's permission handler and broke every view of the topic."""

from django.db import migrations

POLL_MAX_DAYS = 365  # forum_polls/forms.py POLL_MAX_DAYS, frozen here as a migration must be


def cap(apps, _schema_editor):
    TopicPoll = apps.get_model("forum_polls", "TopicPoll")
    TopicPoll.objects.filter(duration__gt=POLL_MAX_DAYS).update(duration=POLL_MAX_DAYS)


class Migration(migrations.Migration):
    dependencies = [
        ("cimaise_forum", "0002_categories_and_member_permissions"),
        ("forum_polls", "0003_topicpoll_hide_results"),
    ]

    operations = [migrations.RunPython(cap, migrations.RunPython.noop)]
