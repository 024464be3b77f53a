"""Template context shared by every page: the association's name, the visitor's roles and menu."""

from django.conf import settings
from django.urls import reverse

from community import registry, roles


def site(request):
    user = getattr(request, "user", None)
    user_roles = roles.roles_of(user) if user is not None else set()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "ASSOCIATION_NAME": settings.ASSOCIATION_NAME,
        "user_roles": user_roles,
        "is_member": roles.MEMBER in user_roles,
        "main_nav": main_nav(request, user_roles),
    }


def main_nav(request, user_roles) -> list[dict]:
    """base.html's main menu: the apps' navigation entries this visitor may see, the section
    they are in marked current (every page under an entry's URL belongs to its section)."""
    path = getattr(request, "path", "")
    menu = []
    for item in registry.navigation_for(user_roles):
        url = reverse(item.url_name)
        menu.append({"label": item.label, "url": url, "current": path.startswith(url)})
    return menu
