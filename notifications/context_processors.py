"""The unread count shown on the bell of every page, for members only."""

from community import selectors
from notifications.services import unread_count


def unread(request):
    user = getattr(request, "user", None)
    # community's processor has already loaded the membership: is_current costs no query here.
    if user is None or not user.is_authenticated or not selectors.is_current(user):
        return {}
    return {"unread_notifications": unread_count(user)}
