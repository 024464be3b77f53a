"""machina's attachment download, served by community.files (machina loads it through get_class).

machina reads the whole file into memory and guesses its type from the name; here the stored
file is streamed (or a presigned URL on S3) as an attachment, with the type sniffed from its
content. Permissions stay machina's (can_download_files on the topic's forum); a post waiting
for approval keeps its files to its author and the moderators, as it keeps its text.
"""

from django.http import Http404
from machina.apps.forum_conversation.forum_attachments.views import (
    AttachmentView as MachinaAttachmentView,
)

from community import files
from forum import services


class AttachmentView(MachinaAttachmentView):
    def get_controlled_object(self):
        return self.get_object()

    def perform_permissions_check(self, user, obj, _perms):
        return services.may_see_attachment(
            attachment=obj, user=user, handler=self.request.forum_permission_handler
        )

    def render_to_response(self, _context, **response_kwargs):
        attachment = self.object
        try:
            content_type = files.sniff_mime(files.read_start(attachment.file.name))
            return files.download_response(
                self.request,
                attachment.file.name,
                filename=attachment.filename,
                content_type=content_type,
            )
        except FileNotFoundError:
            raise Http404 from None
