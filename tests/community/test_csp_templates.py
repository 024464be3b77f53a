"""No inline script or event handler in any template of the project: the production Content
Security Policy blocks them, so a button wired that way silently does nothing for the user."""

import re

from django.conf import settings

INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def project_templates():
    base = settings.BASE_DIR
    folders = [*base.glob("*/templates"), base / "forum" / "machina_templates"]
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def inline_code(text: str) -> list[str]:
    found = [match.group(0).strip() for match in INLINE_HANDLER.finditer(text)]
    found += [m.group(0)[:60] for m in SCRIPT.finditer(text) if m.group("body").strip()]
    found += [match.group(0) for match in JAVASCRIPT_URL.finditer(text)]
    return found


def test_the_scan_sees_every_app_and_the_forum_overrides():
    folders = {path.relative_to(settings.BASE_DIR).parts[0] for path in project_templates()}
    assert {"community", "documents", "cvtheque", "trainings", "notifications", "forum"} <= folders
    assert any("machina_templates" in path.parts for path in project_templates())


def test_the_scan_would_catch_inline_code():
    assert inline_code('<button type="button" onclick="window.print()">')
    assert inline_code("<body onload='go()'>")
    assert inline_code("<script>\n  $(function () { machina.init(); });\n</script>")
    assert inline_code('<a href="javascript:void(0)">')
    assert not inline_code('<script type="module" src="/static/x.js"></script>')
    assert not inline_code("<button data-print hidden>Imprimer</button> <p>Question on rails</p>")


def test_no_template_has_inline_script_or_handlers():
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): found
        for path in project_templates()
        if (found := inline_code(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
