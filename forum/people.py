"""What the forum says of a member on their directory page ("Qui sait ?"), declared on the
forum's AppConfig (`member_facts`, `member_links`): their accepted answers, counted per forum
among the forums the viewer may read, and a question to ask them."""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum import selectors
from forum.models import TopicSolution


def solutions(viewer, member) -> list[str]:
    forums = selectors.readable_forums(viewer)
    rows = (
        TopicSolution.objects.filter(
            post__poster=member, post__approved=True, topic__forum__in=forums
        )
        .values("topic__forum__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "topic__forum__name")
    )
    return [
        ngettext(
            "%(count)s solution retenue dans « %(forum)s »",
            "%(count)s solutions retenues dans « %(forum)s »",
            row["count"],
        )
        % {"count": row["count"], "forum": row["topic__forum__name"]}
        for row in rows
    ]


def ask_them(viewer, member) -> list[tuple[str, str]]:
    if not member.handle or member.pk == viewer.pk:
        return []
    url = f"{reverse('cimaise_forum:ask')}?{urlencode({'mention': member.handle})}"
    return [(_("Lui poser la question"), url)]
