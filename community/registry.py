"""What each app contributes to the whole, read from its AppConfig: the one loader.

An app's AppConfig declares its contributions as class attributes, each optional:
- `access`: "app.access:URL_ACCESS", {url name or "ns:*": access level} for the gate;
- `gdpr`: "app.gdpr", a module with `export(user)` and `erase(user)` (see community/gdpr.py);
- `demo`: "app.demo:seed", `seed(ctx)` called by `manage.py seed_demo`;
- `notification_kinds`: a tuple of notifications.kinds.Kind;
- `navigation`: a tuple of NavItem, the app's entries in the main menu;
- `home_panels`: a tuple of HomePanel, the app's cards on the home page;
- `first_steps`: a tuple of FirstStep, what a new member is invited to do, on the home page;
- `member_facts`: "app.module:function", called with the viewer and a member, returning
  sentences shown on the member's directory page (the forum: "4 solutions retenues dans
  « Conservation préventive »", among the forums the viewer may read);
- `member_links`: "app.module:function", called with the viewer and the member, returning
  (label, url) actions on that page (the forum: "Lui poser la question");
- `search`: "app.search:areas", a tuple of community.search.Area, what the app gives the
  members' search (community/search/): it decides what is found and who may see it.

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

    `changes_with` lists what the card shows ("app_label.Model", or "app_label.Model.field"
    for a many-to-many relation): the card is then rendered once per member and kept
    (community/home.py) until one of those rows is saved or deleted, or the hour turns.
    """

    template: str
    order: int
    context: str = ""
    values: dict = field(default_factory=dict, hash=False)
    changes_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class FirstStep:
    """One item of a new member's "first steps" checklist on the home page: `done`
    ("module:function", called with the user) says whether it is done."""

    label: str
    url_name: str
    done: str
    order: int


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


def home_panels() -> list[HomePanel]:
    """The home page's cards, in their order (community/home.py renders them)."""
    return sorted(
        (panel for _app, declared in contributions("home_panels") for panel in declared),
        key=lambda panel: panel.order,
    )


def panel_values(panel: HomePanel, request) -> dict:
    """What a card's template gets as `panel`."""
    values = dict(panel.values)
    if panel.context:
        values.update(load(panel.context)(request))
    return values


def search_areas() -> list:
    """Every app's search areas (community.search.Area), in their order."""
    areas = [area for _app, declared in contributions("search") for area in declared]
    return sorted(areas, key=lambda area: area.order)


def first_steps(user) -> list[dict]:
    """The checklist of a member's first steps, in order; empty once every step is done."""
    declared = sorted(
        (step for _app, steps in contributions("first_steps") for step in steps),
        key=lambda step: step.order,
    )
    steps = [
        {"label": step.label, "url_name": step.url_name, "done": bool(load(step.done)(user))}
        for step in declared
    ]
    return steps if not all(step["done"] for step in steps) else []


def member_facts(viewer, member) -> list[str]:
    """What the apps say of a member on their directory page ("Qui sait ?")."""
    return [
        fact
        for _app, facts_of in contributions("member_facts")
        for fact in facts_of(viewer, member)
    ]


def member_links(viewer, member) -> list[tuple[str, str]]:
    """Actions the apps offer on a member's directory page."""
    return [
        link
        for _app, links_of in contributions("member_links")
        for link in links_of(viewer, member)
    ]
