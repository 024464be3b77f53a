"""Each app brings its own search areas through its AppConfig; the page asks the registry."""

from community import registry


def test_every_app_declares_its_search_areas_through_the_registry():
    declared = {
        app: [area.key for area in areas] for app, areas in registry.contributions("search")
    }
    assert declared == {
        "community": ["membres"],
        "forum": ["forum"],
        "documents": ["documents"],
        "cvtheque": ["offres", "cv"],
        "trainings": ["formations"],
    }


def test_areas_come_in_their_order_with_unique_keys():
    keys = [area.key for area in registry.search_areas()]
    assert keys == ["forum", "documents", "formations", "offres", "cv", "membres"]
    assert len(set(keys)) == len(keys)


def test_the_page_imports_no_feature_app():
    from pathlib import Path

    from django.conf import settings

    for path in (Path(settings.BASE_DIR) / "community" / "search").glob("*.py"):
        text = path.read_text()
        for app in ("forum", "documents", "cvtheque", "trainings"):
            assert f"from {app}" not in text and f"import {app}" not in text, (path, app)
