"""machina's forum profile form (the signature), without invisible characters like every text."""

from machina.apps.forum_member.forms import ForumProfileForm as MachinaForumProfileForm

from community.text import CleanTextMixin


class ForumProfileForm(CleanTextMixin, MachinaForumProfileForm):
    pass
