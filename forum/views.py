"""Our forum pages next to machina's: marking a solution, following a forum, open questions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from machina.core.db.models import get_model

from forum import errors, selectors, services
from forum.models import TopicSolution

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


def _readable_topic_or_404(request, topic):
    if not request.forum_permission_handler.can_read_forum(topic.forum, request.user):
        raise Http404
    return topic


def _refuse(request, error: errors.ForumError, back: str) -> HttpResponse:
    return render(
        request,
        "forum/refused.html",
        {"message": error.message, "back": back},
        status=error.status,
    )


@require_POST
def mark_solution(request, post_pk):
    post = get_object_or_404(Post.objects.select_related("topic__forum"), pk=post_pk)
    _readable_topic_or_404(request, post.topic)
    try:
        services.mark_solution(post=post, by=request.user)
    except errors.ForumError as error:
        return _refuse(request, error, services.topic_url(post.topic))
    messages.success(request, _("La réponse est marquée comme solution."))
    return redirect(services.post_url(post))


@require_POST
def unmark_solution(request, topic_pk):
    topic = get_object_or_404(Topic.objects.select_related("forum"), pk=topic_pk)
    _readable_topic_or_404(request, topic)
    try:
        services.unmark_solution(topic=topic, by=request.user)
    except errors.ForumError as error:
        return _refuse(request, error, services.topic_url(topic))
    messages.success(request, _("La question n'a plus de solution retenue."))
    return redirect(services.topic_url(topic))


@require_POST
def follow_forum(request, forum_pk):
    forum = get_object_or_404(Forum, pk=forum_pk, type=Forum.FORUM_POST)
    if not request.forum_permission_handler.can_read_forum(forum, request.user):
        raise Http404
    if request.POST.get("follow") == "0":
        services.unfollow_forum(forum=forum, user=request.user)
        messages.success(request, _("Vous ne suivez plus ce forum."))
    else:
        services.follow_forum(forum=forum, user=request.user)
        messages.success(
            request, _("Vous suivez ce forum : chaque nouveau sujet vous sera signalé.")
        )
    return redirect("forum:forum", slug=forum.slug, pk=forum.pk)


def open_questions(request):
    """Topics nobody answered yet, or answered but without a solution."""
    which = request.GET.get("filtre", "sans-reponse")
    if which not in ("sans-reponse", "non-resolus"):
        which = "sans-reponse"
    topics = selectors.readable_topics(request).annotate(
        is_solved=Exists(TopicSolution.objects.filter(topic=OuterRef("pk")))
    )
    if which == "sans-reponse":
        topics = topics.filter(posts_count__lte=1)
    else:
        topics = topics.filter(posts_count__gt=1, is_solved=False)
    page = Paginator(topics.order_by("-last_post_on"), 25).get_page(request.GET.get("page"))
    return render(
        request, "forum/open_questions.html", {"page": page, "which": which, "topics": page}
    )
