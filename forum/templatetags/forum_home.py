"""The forum's card on the home dashboard: latest topics and my questions still unanswered.

The card is the forum's `home_panels` contribution (forum/apps.py): the home page calls
panel_context(); the tag renders the same card anywhere else.
"""

from django import template

from forum import selectors

register = template.Library()


def panel_context(request, user=None) -> dict:
    user = user or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"latest": [], "mine": [], "asked": False}
    handler = getattr(request, "forum_permission_handler", None)
    topics = selectors.readable_topics(user, handler=handler)
    return {
        "latest": list(topics.order_by("-last_post_on")[:5]),
        "mine": list(topics.filter(poster=user, posts_count__lte=1).order_by("-created")[:5]),
        # An empty "my unanswered questions" means something else when nothing was ever asked.
        "asked": topics.filter(poster=user).exists(),
    }


@register.inclusion_tag("forum/home_panel.html", takes_context=True)
def forum_home_panel(context, user=None):
    return {"panel": panel_context(context.get("request"), user)}
