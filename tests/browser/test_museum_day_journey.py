"""The network's calendar in a real browser: a museum's designated contact proposes a visit of
its stores, staff publish it, a member finds it by its organiser and registers, and the
contact sees the registrant. axe on every page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def local(days: int, hour: int) -> str:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_a_museum_day_from_proposal_to_registrants(new_page, staff):
    museum = factories.StructureFactory(name="Musée Fenaille", city="Rodez", departement="12")
    contact = factories.make_member(structure=museum)
    museum.contacts.add(contact)
    member = factories.make_member()

    page = new_page(contact)
    page.goto("/formations/mon-musee/")
    assert_accessible(page)
    page.get_by_role("link", name="Proposer une journée").click()
    page.fill("#id_title", "Visite des réserves")
    page.fill("#id_starts_at", local(20, 9))
    page.fill("#id_ends_at", local(20, 12))
    page.fill("#id_registration_closes_at", local(18, 18))
    page.fill("#id_capacity", "12")
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.locator(".messages")).to_contain_text("est proposée")

    desk = new_page(staff)
    desk.goto("/formations/gestion/")
    desk.get_by_role("link", name="Visite des réserves").click()
    expect(desk.get_by_role("heading", name="Proposition d'un musée")).to_be_visible()
    assert_accessible(desk)
    desk.get_by_role("button", name="Publier et prévenir les membres").click()
    expect(desk.locator(".messages")).to_contain_text("publiée")

    reader = new_page(member)
    reader.goto("/formations/")
    reader.get_by_label("Organisateur").select_option(label=str(museum))
    reader.get_by_role("button", name="Filtrer").click()
    reader.get_by_role("link", name="Visite des réserves").first.click()
    reader.get_by_role("button", name=re.compile("inscrire", re.IGNORECASE)).first.click()
    expect(reader.locator(".messages")).to_be_visible()

    page.goto("/formations/mon-musee/")
    page.get_by_role("link", name="Visite des réserves").click()
    expect(page.get_by_role("cell", name=member.get_full_name())).to_be_visible()
    assert_accessible(page)
