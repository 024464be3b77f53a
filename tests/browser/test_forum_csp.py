"""Under the production Content Security Policy (enforced, not report-only), a member asks a
question with two attachments and a poll: our modules add the rows, nothing is blocked."""

import pytest
from machina.core.db.models import get_model
from playwright.sync_api import expect

from tests.documents import samples

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]


@pytest.fixture
def production_csp(settings):
    """The policy community/settings.py enforces in production, enforced here too."""
    policy = settings.CONTENT_SECURITY_POLICY_REPORT_ONLY or settings.CONTENT_SECURITY_POLICY
    assert policy["DIRECTIVES"]["script-src"] == ["'self'"]
    settings.CONTENT_SECURITY_POLICY = policy
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None
    return policy


def watch_csp(page):
    """Every CSP violation the browser reports, from the console and from the page's events."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => {"
        " console.error('Content Security Policy violation: '"
        " + event.violatedDirective + ' ' + event.blockedURI); });"
    )
    return violations


@pytest.mark.usefixtures("production_csp")
def test_question_with_two_attachments_and_a_poll_under_the_production_csp(
    new_page, member, tmp_path
):
    page = new_page(member)
    violations = watch_csp(page)
    response = page.goto("/forum/entraide/poser-une-question/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "content-security-policy-report-only" not in response.headers

    page.get_by_label("Titre de la question").fill("Constat d'état illustré")
    page.get_by_label("Votre question").fill("Voici la photo et le rapport : qu'en pensez-vous ?")

    photo, report = tmp_path / "caisse.png", tmp_path / "rapport.pdf"
    photo.write_bytes(samples.image_bytes("PNG"))
    report.write_bytes(samples.pdf_bytes("rapport de constat"))
    page.get_by_label("Fichier 1").set_input_files(photo)
    page.get_by_label("Légende").first.fill("La caisse à l'arrivée")
    page.get_by_role("button", name="Ajouter un fichier").click()
    # Our formset module added a second, numbered row and moved the focus there.
    expect(page.get_by_label("Fichier 2")).to_be_focused()
    page.get_by_label("Fichier 2").set_input_files(report)

    page.locator("summary", has_text="Ajouter un sondage").click()
    page.get_by_label("Question du sondage").fill("On la déballe quand ?")
    page.get_by_label("Option 1").fill("Tout de suite")
    page.get_by_label("Option 2").fill("Après 24 h d'acclimatation")
    page.get_by_role("button", name="Ajouter une option").click()
    expect(page.get_by_label("Option 3")).to_be_focused()
    page.get_by_label("Option 3").fill("Après 48 h")

    page.get_by_role("button", name="Publier la question").click()
    expect(page.locator("h1")).to_contain_text("Constat d'état illustré")
    topic = Topic.objects.get(subject="Constat d'état illustré")
    assert sorted(a.filename.rsplit(".", 1)[1] for a in topic.first_post.attachments.all()) == [
        "pdf",
        "png",
    ]
    assert topic.poll.options.count() == 3

    # The picture shows in the page, served by our own view under the same policy.
    picture = page.get_by_role("img", name="La caisse à l'arrivée")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.get_by_role("link", name="rapport.pdf")).to_be_visible()
    expect(page.get_by_role("heading", name="On la déballe quand ?")).to_be_visible()

    # The editor's preview and the quote button work too.
    page.get_by_label("Votre réponse").fill("**Après 48 h**, sans hésiter.")
    page.get_by_role("button", name="Aperçu").click()
    expect(page.locator("[data-editor-output] strong")).to_have_text("Après 48 h")
    page.get_by_role("button", name="Aperçu").click()
    page.get_by_role("button", name="Citer le message").first.click()
    expect(page.get_by_label("Votre réponse")).to_have_value(
        "**Après 48 h**, sans hésiter.\n\n> **"
        + member.get_full_name()
        + "** a écrit :\n> Voici la photo et le rapport : qu'en pensez-vous ?\n\n"
    )

    assert not violations, violations
