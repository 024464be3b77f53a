"""The documents card of the home dashboard (documents/apps.py `home_panels`): what is new in
the folders the member follows, or in the whole library when they follow none."""

import datetime

from django.utils import timezone

from documents import rights
from documents.models import Document, FolderFollow

NEW_FOR_DAYS = 30
SHOWN = 5


def panel_context(request) -> dict:
    user = request.user
    readable = rights.readable_folder_ids(user)
    followed = set(FolderFollow.objects.filter(user=user).values_list("folder_id", flat=True))
    folders = (followed & readable) or readable
    since = timezone.now() - datetime.timedelta(days=NEW_FOR_DAYS)
    documents = list(
        Document.objects.filter(folder_id__in=folders, created_at__gte=since)
        .select_related("folder")
        .order_by("-created_at")[:SHOWN]
    )
    return {"documents": documents, "follows": bool(followed & readable), "days": NEW_FOR_DAYS}
