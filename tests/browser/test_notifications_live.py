"""Two members in two browsers: what one does reaches the other's bell without a reload."""

import re

from playwright.sync_api import expect

from notifications.models import Notification
from notifications.services import notify
from tests.browser.conftest import assert_accessible


def _wait_for_socket(page):
    # The client marks the bell once its websocket is open (and the count resynced).
    expect(page.locator("#notification-bell")).to_have_attribute("data-live", "open")


def test_a_notification_reaches_the_other_members_bell_live(
    new_page, member, other_member, run_on_server
):
    alice = new_page(member)
    bruno = new_page(other_member)
    alice.goto("/notifications/")
    bruno.goto("/notifications/")
    _wait_for_socket(alice)
    _wait_for_socket(bruno)
    expect(bruno.locator("#notification-count")).to_have_text("0")

    # Alice's action (an announcement) is notified to both; she is the actor, so only Bruno gets it.
    run_on_server(
        notify,
        [member, other_member],
        "announcement",
        actor=member,
        title="Journée d'étude sur la conservation préventive",
        url="/notifications/",
    )

    badge = bruno.locator("#notification-count")
    expect(badge).to_have_text("1")
    expect(badge).to_have_attribute("data-count", "1")
    toast = bruno.locator("#toasts .toast")
    expect(toast).to_contain_text("Journée d'étude sur la conservation préventive")
    notification = Notification.objects.get(recipient=other_member)
    expect(toast.get_by_role("link")).to_have_attribute(
        "href", f"/notifications/{notification.pk}/ouvrir/"
    )
    # The toast can be dismissed with its labelled button.
    toast.get_by_role("button", name="Fermer la notification").click()
    expect(bruno.locator("#toasts .toast")).to_have_count(0)

    # Nothing reached Alice, and neither page was reloaded.
    expect(alice.locator("#notification-count")).to_have_text("0")
    expect(alice.locator("#toasts .toast")).to_have_count(0)
    assert bruno.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_reading_in_one_tab_updates_the_bell_of_the_other(new_page, other_member):
    Notification.objects.create(
        recipient=other_member, kind="announcement", title="Assemblée générale"
    )
    Notification.objects.create(recipient=other_member, kind="announcement", title="Nouveau bureau")
    first = new_page(other_member)
    first.goto("/")
    _wait_for_socket(first)
    expect(first.locator("#notification-count")).to_have_text("2")

    second = first.context.new_page()
    second.goto("/notifications/")
    assert_accessible(second)
    second.get_by_role("button", name="Tout marquer comme lu").click()
    expect(second.get_by_text("Toutes vos notifications sont marquées comme lues.")).to_be_visible()

    expect(first.locator("#notification-count")).to_have_text("0")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_toast_link_opens_the_notification_and_marks_it_read(new_page, member, run_on_server):
    page = new_page(member)
    page.goto("/")
    _wait_for_socket(page)

    run_on_server(
        notify,
        [member],
        "announcement",
        title="Nouveau guide des prêts",
        url="/notifications/preferences/",
    )
    page.locator("#toasts .toast").get_by_role("link", name="Nouveau guide des prêts").click()

    expect(page).to_have_url(re.compile(r"/notifications/preferences/$"))
    expect(page.locator("#notification-count")).to_have_text("0")
    assert Notification.objects.get(recipient=member).read_at is not None
