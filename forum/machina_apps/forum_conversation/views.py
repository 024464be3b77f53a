"""machina's topic page, extended for questions and answers (machina loads it through get_class).

Besides machina's posts it gives the template what a Q&A page needs: the accepted answer, who
may choose it, which replies are new since the member's last visit (read before machina's
tracking marks the topic read), and the inline reply box with its attachments.
"""

from machina.apps.forum_conversation.views import TopicView as MachinaTopicView
from machina.core.db.models import get_model
from machina.core.loading import get_class

from forum import selectors, services

Attachment = get_model("forum_attachments", "Attachment")
AttachmentFormset = get_class("forum_attachments.forms", "AttachmentFormset")
PostForm = get_class("forum_conversation.forms", "PostForm")


class TopicView(MachinaTopicView):
    def get(self, request, **kwargs):
        # machina marks the topic read while answering this request: remember the visit before.
        self.last_visit = selectors.last_visit(topic=self.get_topic(), user=request.user)
        return super().get(request, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic, user = context["topic"], self.request.user
        handler = self.request.forum_permission_handler
        posts = list(context["posts"])
        new_ids = [
            post.pk
            for post in posts
            if self.last_visit and post.created > self.last_visit and post.poster_id != user.pk
        ]
        solution = selectors.topic_solution(topic)
        context.update(
            solution=solution,
            solution_post_id=solution.post_id if solution else None,
            may_mark_solution=services.can_mark_solution(topic=topic, user=user),
            new_post_ids=set(new_ids),
            # A marker above the first new reply; not when the whole topic is new to them.
            first_new_post_id=new_ids[0] if new_ids and new_ids[0] != topic.first_post_id else None,
            is_subscribed=user.is_authenticated and topic.has_subscriber(user),
        )
        if handler.can_add_post(topic, user):
            context["reply_form"] = PostForm(user=user, forum=topic.forum, topic=topic)
            if handler.can_attach_files(topic.forum, user):
                context["reply_attachments"] = AttachmentFormset(
                    prefix="attachment", queryset=Attachment.objects.none()
                )
        return context
