"""machina's post and topic forms with our editor: a plain, labelled textarea (no EasyMDE), and
replies without a "Re: …" title to type.

machina loads these through get_class("forum_conversation.forms", ...), so its views (topic
creation, reply, edit) and ours (the ask page, the inline reply box) use them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation.forms import PostForm as MachinaPostForm
from machina.apps.forum_conversation.forms import TopicForm as MachinaTopicForm

from community.text import CleanTextMixin
from forum.machina_apps.forum_conversation.forum_polls.forms import PollLimitsMixin

SUBJECT_MAX_LENGTH = MachinaPostForm._meta.model._meta.get_field("subject").max_length


class EditorTextarea(forms.Textarea):
    """The message field our editor module (forum/static/forum/editor.js) enhances.

    machina's widget pulls EasyMDE, which hides the textarea, traps Tab and fetches an icon font
    from a CDN; this one is the textarea itself, so it stays labelled and keyboard-friendly.
    """

    def __init__(self, attrs=None):
        super().__init__({"rows": 8, "class": "qa-editor-input", **(attrs or {})})


class EditorFormMixin:
    content_label = _("Votre message")

    def _use_editor(self):
        content = self.fields["content"]
        content.widget = EditorTextarea()
        content.label = self.content_label
        self.fields["subject"].widget.attrs.pop("placeholder", None)


class PostForm(CleanTextMixin, EditorFormMixin, MachinaPostForm):
    content_label = _("Votre réponse")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._use_editor()
        if self.topic is not None and not self._is_topic_head():
            # A reply belongs to its topic: machina still stores a subject, which we fill in.
            self.fields["subject"].required = False
            self.fields["subject"].initial = ""

    def _is_topic_head(self) -> bool:
        return bool(self.instance.pk and self.instance.pk == self.topic.first_post_id)

    def clean_subject(self):
        subject = (self.cleaned_data.get("subject") or "").strip()
        if not subject and self.topic is not None:
            if self.instance.pk and self.instance.subject:
                return self.instance.subject
            return self.topic.subject[:SUBJECT_MAX_LENGTH]
        return subject


class TopicForm(PollLimitsMixin, CleanTextMixin, EditorFormMixin, MachinaTopicForm):
    content_label = _("Votre question")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._use_editor()
        self.fields["subject"].label = _("Titre de la question")
        self.fields["subject"].help_text = _(
            "Une phrase qui résume la question, par exemple « Quel taux d'humidité pour des "
            "réserves textiles ? »"
        )
