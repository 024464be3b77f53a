"""Hooks on machina's own models: a new approved post is announced through our services."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from machina.core.db.models import get_model

from forum import services

Post = get_model("forum_conversation", "Post")


@receiver(post_save, sender=Post, dispatch_uid="cimaise_forum_announce_post")
def announce_new_post(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.approved:
        return
    if created or getattr(instance, "_cimaise_was_unapproved", False):
        services.announce_post(post=instance)


@receiver(pre_save, sender=Post, dispatch_uid="cimaise_forum_note_approval")
def note_approval(sender, instance, raw=False, **kwargs):
    """A post approved by a moderator is announced then, as if it were new."""
    if raw or not instance.pk or not instance.approved:
        return
    instance._cimaise_was_unapproved = Post.objects.filter(pk=instance.pk, approved=False).exists()
