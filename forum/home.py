"""The forum's step of a new member's first steps (forum/apps.py `first_steps`)."""

from forum.models import ForumFollow


def follows_a_forum(user) -> bool:
    return ForumFollow.objects.filter(user=user).exists()
