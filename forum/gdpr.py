"""Personal data of the forum: a person's posts and topics, exported, then anonymised on erasure.

Posts stay in their discussions (others' answers depend on them) but lose their author: machina
shows a post without poster under its `username`, here "Ancien membre".
"""

from uuid import uuid4

from machina.core.db.models import get_model

from community.gdpr import safe_zip_name
from forum import cache as forum_cache
from forum.models import ForumFollow, TopicSolution

Attachment = get_model("forum_attachments", "Attachment")
ForumProfile = get_model("forum_member", "ForumProfile")
ForumReadTrack = get_model("forum_tracking", "ForumReadTrack")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

# Stored in the posts, in the site's language (French), whatever the deleting person's language.
FORMER_MEMBER = "Ancien membre"
TopicPollVote = get_model("forum_polls", "TopicPollVote")
TopicReadTrack = get_model("forum_tracking", "TopicReadTrack")


def export(user) -> dict:
    posts = Post.objects.filter(poster=user).select_related("topic__forum").order_by("created")
    attachments = Attachment.objects.filter(post__poster=user).order_by("post_id", "pk")
    files = [
        (
            f"attachments/{attachment.post_id}-{attachment.pk}-"
            f"{safe_zip_name(attachment.file.name)}",
            attachment.file.name,
        )
        for attachment in attachments
        if attachment.file
    ]
    data = {
        "posts": [
            {
                "forum": post.topic.forum.name,
                "topic": post.topic.subject,
                "subject": post.subject,
                "content": post.content.raw,
                "created": post.created,
                "updated": post.updated,
                "approved": post.approved,
            }
            for post in posts
        ],
        "topics_started": [
            {"subject": topic.subject, "created": topic.created}
            for topic in Topic.objects.filter(poster=user).order_by("created")
        ],
        "topics_followed": sorted(user.topic_subscriptions.values_list("subject", flat=True)),
        "forums_followed": sorted(
            ForumFollow.objects.filter(user=user).values_list("forum__name", flat=True)
        ),
    }
    return {"data": data, "files": files}


def erase(user) -> None:
    # Topics whose rows change below through bulk updates, which send no signal: their cached
    # pages are retired explicitly at the end.
    touched = {
        *Post.objects.filter(updated_by=user).values_list("topic_id", flat=True),
        *Topic.objects.filter(poster=user).values_list("pk", flat=True),
        *TopicPollVote.objects.filter(voter=user).values_list(
            "poll_option__poll__topic_id", flat=True
        ),
        *user.topic_subscriptions.values_list("pk", flat=True),
    }
    # A key nobody holds keeps machina's invariant (a post has a poster or an anonymous key).
    for post in Post.objects.filter(poster=user).select_related("topic"):
        post.poster = None
        post.username = FORMER_MEMBER
        post.anonymous_key = f"ancien-membre-{uuid4().hex}"
        # save() (not update()) so the search index and machina's trackers follow.
        post.save(update_fields=["poster", "username", "anonymous_key"])
    Post.objects.filter(updated_by=user).update(updated_by=None)
    Topic.objects.filter(poster=user).update(poster=None)
    TopicPollVote.objects.filter(voter=user).update(
        voter=None, anonymous_key=f"ancien-membre-{uuid4().hex}"
    )
    user.topic_subscriptions.clear()
    ForumFollow.objects.filter(user=user).delete()
    TopicSolution.objects.filter(marked_by=user).update(marked_by=None)
    ForumReadTrack.objects.filter(user=user).delete()
    TopicReadTrack.objects.filter(user=user).delete()
    ForumProfile.objects.filter(user=user).delete()
    # Attachments stay with the anonymised posts, like the text they illustrate.
    forum_cache.bump_topics(*touched)
    forum_cache.bump_people()
    forum_cache.bump_forums()
