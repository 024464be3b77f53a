"""machina's topic page, extended (machina loads it through get_class).

The topic page is machina's, for questions and answers: the accepted answer, who may choose it,
which replies are new since the member's last visit, the inline reply box with its attachments.
It is served from the cache (forum/topic_page.py): the topic, the messages of the page rendered
once for everyone, the member's own state; the permissions the page shows are computed once
here. A view is counted in the cache and marks the topic read only if it was not
(forum/services.py), instead of machina's two writes at each view.
"""

from django.core.paginator import Paginator
from django.middleware.csrf import get_token
from django.views.generic.list import MultipleObjectMixin
from machina.apps.forum_conversation.views import TopicView as MachinaTopicView
from machina.core.db.models import get_model

from forum import services, topic_page

Post = get_model("forum_conversation", "Post")

# What the topic's header offers, each asked once of machina's handler for the topic's forum.
FORUM_PERMISSIONS = (
    "can_lock_topics",
    "can_move_topics",
    "can_delete_topics",
    "can_update_topics_to_normal_topics",
    "can_update_topics_to_sticky_topics",
    "can_update_topics_to_announces",
    "can_download_files",
    "can_attach_files",
)


class PostsPaginator(Paginator):
    """Pages counted from the topic's own counter of approved messages, not a COUNT query."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


class TopicView(MachinaTopicView):
    def get_topic(self):
        if not hasattr(self, "topic"):
            user = self.request.user
            topic_page.prefetch(self.kwargs["pk"], user, self.request.GET.get("page"))
            self.topic = topic_page.load_topic(self.kwargs["pk"])
            self.viewer = topic_page.viewer_state(self.topic, user)
            # machina's handler asks the topic for its subscribers (the subscribe button).
            self.topic._subscribers = [user] if self.viewer["subscribed"] else []
        return self.topic

    def get_paginator(self, queryset, per_page, **kwargs):
        return PostsPaginator(queryset, per_page, count=self.get_topic().posts_count, **kwargs)

    def get_context_data(self, **kwargs):
        topic, user = self.get_topic(), self.request.user
        if hasattr(topic, "poll"):
            context = super().get_context_data(**kwargs)  # machina's poll and vote forms
        else:
            context = MultipleObjectMixin.get_context_data(self, **kwargs)
            context.update(topic=topic, forum=topic.forum)
        handler = self.request.forum_permission_handler
        perms = {name: getattr(handler, name)(topic.forum, user) for name in FORUM_PERMISSIONS}
        perms.update(
            can_subscribe=handler.can_subscribe_to_topic(topic, user),
            can_unsubscribe=handler.can_unsubscribe_from_topic(topic, user),
            can_reply=handler.can_add_post(topic, user),
        )
        solution = getattr(topic, "solution", None)
        may_mark_solution = services.can_mark_solution(topic=topic, user=user)
        messages = topic_page.page_messages(
            topic, context["page_obj"], can_download=perms["can_download_files"]
        )
        new_ids = topic_page.new_message_ids(
            messages, last_visit=self.viewer["last_visit"], user=user
        )
        # machina's own rules for editing and deleting, asked once for the member's messages
        # and once for everyone else's.
        own, others = Post(topic=topic, poster=user), Post(topic=topic, poster=None)
        controls = {
            "quote": perms["can_reply"],
            "mark": may_mark_solution,
            "edit_own": handler.can_edit_post(own, user),
            "edit_others": handler.can_edit_post(others, user),
            "delete_own": handler.can_delete_post(own, user),
            "delete_others": handler.can_delete_post(others, user),
        }
        # A marker above the first new reply; not when the whole topic is new to them.
        first_new_id = new_ids[0] if new_ids and new_ids[0] != topic.first_post_id else None
        shown = topic_page.assemble(
            messages,
            user=user,
            new_ids=set(new_ids),
            first_new_id=first_new_id,
            controls=controls,
            csrf_token=get_token(self.request) if may_mark_solution else "",
        )
        context.update(
            topic_perms=perms,
            question_html=shown["question"],
            replies_html=shown["replies"],
            views_count=topic.views_count,
            solution=solution,
            may_mark_solution=may_mark_solution,
        )
        if perms["can_reply"]:
            context["reply_box"] = topic_page.reply_box(
                topic,
                user=user,
                can_attach=perms["can_attach_files"],
                can_lock=perms["can_lock_topics"],
                csrf_token=get_token(self.request),
            )
        return context

    def send_signal(self, request, response, topic):
        # Instead of machina's topic_viewed signal (a views UPDATE and a read-mark write at
        # every view): one cache increment, and a write only when the topic was unread.
        views = services.record_topic_view(
            topic=topic, user=request.user, last_visit=self.viewer["last_visit"]
        )
        if getattr(response, "context_data", None) is not None:
            response.context_data["views_count"] = views
