"""Attachment forms: machina's, plus a size limit and a type check on the file's content."""

from django import forms
from django.conf import settings
from django.forms.models import modelformset_factory
from machina.apps.forum_conversation.forum_attachments.forms import (
    AttachmentForm as MachinaAttachmentForm,
)
from machina.apps.forum_conversation.forum_attachments.forms import BaseAttachmentFormset
from machina.conf import settings as machina_settings

from community import files
from community.text import CleanTextMixin

Attachment = MachinaAttachmentForm._meta.model
# Documents and pictures; no archives (nobody can see what is inside before opening them).
ATTACHMENT_TYPES = frozenset(
    {
        files.PDF,
        files.PNG,
        files.JPEG,
        files.GIF,
        files.WEBP,
        files.DOCX,
        files.XLSX,
        files.PPTX,
        files.ODT,
        files.ODS,
        files.ODP,
        files.DOC,
        files.XLS,
        files.TEXT,
        files.CSV,
    }
)


class AttachmentForm(CleanTextMixin, MachinaAttachmentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            try:
                files.validate_upload(
                    upload, allowed=ATTACHMENT_TYPES, max_size=settings.FORUM_ATTACHMENT_MAX_SIZE
                )
            except files.FileRejected as error:
                raise forms.ValidationError(str(error)) from None
        return upload


AttachmentFormset = modelformset_factory(
    Attachment,
    AttachmentForm,
    formset=BaseAttachmentFormset,
    can_delete=True,
    extra=1,
    max_num=machina_settings.ATTACHMENT_MAX_FILES_PER_POST,
    validate_max=True,
)
