"""What each app contributes to the whole, read from its AppConfig: the one loader.

An app's AppConfig declares its contributions as class attributes, each optional:
- `access`: "app.access:URL_ACCESS", {url name or "ns:*": access level} for the gate;
- `gdpr`: "app.gdpr", a module with `export(user)` and `erase(user)` (see community/gdpr.py);
- `demo`: "app.demo:seed", `seed(ctx)` called by `manage.py seed_demo`;
- `notification_kinds`: a tuple of notifications.kinds.Kind;
- `navigation`: a tuple of NavItem, the app's entries in the main menu;
- `home_panels`: a tuple of HomePanel, the app's cards on the home page.

A string names a module ("app.module") or an object in it ("app.module:name"); it is imported
on first use, because an AppConfig is read before the models exist. Community and the
notification registry ask here, never by an app's name, so feature apps stay independent.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps

from community import roles


@dataclass(frozen=True)
class NavItem:
    """An entry of the main menu, shown to the people who hold `role` (a community.roles level)."""

    label: str
    url_name: str
    order: int
    role: str = roles.MEMBER


@dataclass(frozen=True)
class HomePanel:
    """A card of the home page: a template rendered with `panel` in its context.

    `panel` is `values`, plus what `context` ("module:function", called with the request)
    returns when the card shows something computed for the visitor.
    """

    template: str
    order: int
    context: str = ""
    values: dict = field(default_factory=dict, hash=False)


def load(path: str):
    """The module "app.module", or the object "app.module:name"."""
    module_name, _, attribute = path.partition(":")
    module = import_module(module_name)
    return getattr(module, attribute) if attribute else module


@cache
def contributions(name: str) -> list[tuple[str, object]]:
    """(app name, contribution) for each installed app that declares `name`, in settings order.

    Apps that declare nothing under `name` are skipped. The answer is kept for the life of the
    process: the installed apps do not change once Django has started.
    """
    found = []
    for config in apps.get_app_configs():
        declared = getattr(config, name, None)
        if declared is None:
            continue
        found.append((config.name, load(declared) if isinstance(declared, str) else declared))
    return found


def navigation_for(user_roles) -> list[NavItem]:
    """The main menu's entries this visitor may see, in their order."""
    items = [item for _app, entries in contributions("navigation") for item in entries]
    return sorted((item for item in items if item.role in user_roles), key=lambda i: i.order)


def home_panels(request) -> list[dict]:
    """The home page's cards, in their order: {"template": ..., "panel": {...}}."""
    panels = sorted(
        (panel for _app, declared in contributions("home_panels") for panel in declared),
        key=lambda panel: panel.order,
    )
    shown = []
    for panel in panels:
        values = dict(panel.values)
        if panel.context:
            values.update(load(panel.context)(request))
        shown.append({"template": panel.template, "panel": values})
    return shown
