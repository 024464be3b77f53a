"""Domain errors of the community app, turned into messages by the views."""


class MembershipError(Exception):
    """A membership action that the rules refuse (the message is shown to the user)."""


class AccountDeletionRefused(Exception):
    """A self-service account deletion that the rules refuse (the message is shown to the user)."""
