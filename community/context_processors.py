"""Template context shared by every page: the association's name and the visitor's roles."""

from django.conf import settings

from community import roles


def site(request):
    user = getattr(request, "user", None)
    user_roles = roles.roles_of(user) if user is not None else set()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "ASSOCIATION_NAME": settings.ASSOCIATION_NAME,
        "user_roles": user_roles,
        "is_member": roles.MEMBER in user_roles,
    }
