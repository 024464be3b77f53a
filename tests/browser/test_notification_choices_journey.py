"""Alice chooses how she is told; Bruno replies to her question and mentions her: one email (the
mention), both on her bell, and the reply once in her next digest."""

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from notifications.models import NotificationPreference
from tests.browser.conftest import assert_accessible, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]


def test_what_alice_chose_is_what_she_gets(new_page, member, other_member):
    alice = new_page(member)
    alice.goto("/notifications/preferences/")
    assert_accessible(alice)
    alice.get_by_label(
        "Réponse à un sujet suivi : Sur le site et dans le résumé par e-mail"
    ).check()
    alice.get_by_label(
        "Mention de mon nom dans le forum : Sur le site et par e-mail immédiatement"
    ).check()
    alice.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(alice.get_by_text("Vos préférences de notification sont enregistrées.")).to_be_visible()
    expect(
        alice.get_by_label("Réponse à un sujet suivi : Sur le site et dans le résumé par e-mail")
    ).to_be_checked()
    assert NotificationPreference.objects.filter(user=member).count() == 0  # both are defaults

    alice.goto("/")
    alice.get_by_role("link", name="Poser une question").click()
    alice.get_by_label("Titre de la question").fill("Humidité des réserves")
    alice.get_by_label("Votre question").fill("Quel taux d'humidité relative viser ?")
    alice.get_by_role("button", name="Publier la question").click()
    expect(alice.locator("h1")).to_contain_text("Humidité des réserves")
    topic_path = "/" + alice.url.split("?")[0].split("/", 3)[3]
    expect(alice.locator("#notification-bell")).to_have_attribute("data-live", "open")

    bruno = new_page(other_member)
    bruno.goto(topic_path)
    bruno.get_by_label("Votre réponse").fill("Entre 45 et 55 %, stable.")
    bruno.get_by_role("button", name="Publier ma réponse").click()
    expect(bruno.locator(".qa-reply .qa-post-body").last).to_contain_text("Entre 45 et 55")
    bruno.get_by_label("Votre réponse").fill(f"@{member.handle} vous avez un hygromètre ?")
    bruno.get_by_role("button", name="Publier ma réponse").click()
    expect(bruno.locator(".qa-reply .qa-post-body").last).to_contain_text("hygromètre")

    # Both reach her bell live; only the mention is emailed.
    expect(alice.locator("#notification-count")).to_have_text("2")
    wait_until(lambda: len(mail.outbox) >= 1)
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "mentionné" in mail.outbox[0].subject

    # The next digest lists the reply once, and not the mention already emailed.
    call_command("send_notification_digest", verbosity=0)
    call_command("send_outbox", verbosity=0)
    assert [m.to for m in mail.outbox] == [[member.email], [member.email]]
    digest = mail.outbox[1].body
    assert digest.count("Nouvelle réponse à « Humidité des réserves »") == 1
    assert "mentionné" not in digest
