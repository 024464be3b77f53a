"""Our forum pages next to machina's: asking a question, previews, marking a solution,
following a forum, open questions."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from machina.core.db.models import get_model
from machina.core.loading import get_class
from machina.models.fields import render_func

from community import files
from community import selectors as community_selectors
from forum import errors, selectors, services
from forum.models import TopicSolution

Attachment = get_model("forum_attachments", "Attachment")
Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
TopicCreateView = get_class("forum_conversation.views", "TopicCreateView")

# Pictures shown in the page; every other attachment is a download link.
PREVIEW_TYPES = frozenset({files.JPEG, files.PNG, files.WEBP})
PREVIEW_MAX_CHARS = 60_000


def _readable_topic_or_404(request, topic):
    if not request.forum_permission_handler.can_read_forum(topic.forum, request.user):
        raise Http404
    return topic


class AskView(TopicCreateView):
    """The "Poser une question" page: machina's topic creation (forms, attachments, poll,
    approval, redirect), with the forum chosen on the page among those machina lets the member
    post in.

    The forum comes from the form (`forum`), suggested from the member's profession; machina's
    own permission check then runs on that forum. A forum not offered is refused with the
    typed text kept.
    """

    template_name = "forum/ask.html"

    def dispatch(self, request, *args, **kwargs):
        self.forums = selectors.forums_open_to_new_topics(request)
        if not self.forums:
            raise errors.NotAllowed(_("Vous ne pouvez poser de question dans aucun forum."))
        self.suggested = selectors.suggested_forum(request.user, self.forums)
        wanted = (request.POST if request.method == "POST" else request.GET).get("forum", "")
        self.chosen = next((f for f in self.forums if str(f.pk) == wanted.strip()), None)
        self.forum_error = None
        if request.method == "POST" and self.chosen is None:
            self.forum_error = (
                errors.NotAllowed(_("Vous ne pouvez pas poser de question dans ce forum."))
                if wanted
                else errors.ForumError(_("Choisissez le forum de votre question."))
            )
        # machina builds the forms and checks permissions against this forum.
        self._forum = self.chosen or self.suggested or self.forums[0]
        return super().dispatch(request, *args, **kwargs)

    def get_forum(self):
        return self._forum

    def get_post_form_kwargs(self):
        """ "Lui poser la question" (a member's directory page): the question starts by
        mentioning that member, when they are listed."""
        kwargs = super().get_post_form_kwargs()
        handle = self.request.GET.get("mention", "")
        if self.request.method == "GET" and handle:
            person = community_selectors.listed_members().filter(handle=handle[:40]).first()
            if person is not None:
                kwargs["initial"] = {"content": f"@{person.handle} "}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selected = self.chosen or (None if self.forum_error else self.suggested)
        context.update(
            forum_groups=selectors.forum_choices(self.forums),
            selected_forum_id=selected.pk if selected else None,
            suggested_forum=self.suggested,
            forum_error=self.forum_error,
        )
        return context

    def form_valid(self, post_form, attachment_formset, poll_option_formset, **kwargs):
        if self.forum_error:
            return self.form_invalid(post_form, attachment_formset, poll_option_formset, **kwargs)
        return super().form_valid(post_form, attachment_formset, poll_option_formset, **kwargs)

    def form_invalid(self, post_form, attachment_formset, poll_option_formset, **kwargs):
        response = super().form_invalid(
            post_form, attachment_formset, poll_option_formset, **kwargs
        )
        response.status_code = self.forum_error.status if self.forum_error else 400
        return response


ask = AskView.as_view()


@require_POST
def preview(request):
    """The message as it will be published (the editor's "Aperçu"), rendered like stored posts."""
    text = request.POST.get("content", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return HttpResponse(_("Ce message est trop long pour un aperçu."), status=413)
    return HttpResponse(render_func(text), content_type="text/html; charset=utf-8")


def attachment_preview(request, pk):
    """An image attached to a post, shown in the page: JPEG, PNG or WebP only, as told by its
    content (not its name), with nosniff; anything else is only downloadable."""
    attachment = get_object_or_404(Attachment.objects.select_related("post__topic__forum"), pk=pk)
    if not services.may_see_attachment(
        attachment=attachment, user=request.user, handler=request.forum_permission_handler
    ):
        raise Http404
    name = attachment.file.name
    try:
        if files.sniff_mime(files.read_start(name)) not in PREVIEW_TYPES:
            raise Http404
        if files.stored_size(name) > settings.FORUM_ATTACHMENT_MAX_SIZE:
            raise Http404
        data = b"".join(files.iter_chunks(name))
    except FileNotFoundError:
        raise Http404 from None
    content_type = files.sniff_mime(data)
    if content_type not in PREVIEW_TYPES:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=attachment.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def mark_solution(request, post_pk):
    post = get_object_or_404(Post.objects.select_related("topic__forum"), pk=post_pk)
    _readable_topic_or_404(request, post.topic)
    services.mark_solution(post=post, by=request.user)
    messages.success(request, _("La réponse est marquée comme solution."))
    return redirect(services.post_url(post))


@require_POST
def unmark_solution(request, topic_pk):
    topic = get_object_or_404(Topic.objects.select_related("forum"), pk=topic_pk)
    _readable_topic_or_404(request, topic)
    services.unmark_solution(topic=topic, by=request.user)
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
