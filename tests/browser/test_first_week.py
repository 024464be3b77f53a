"""Issue 16, a member's first week, in a real browser: a file dropped onto the upload form, the
confirmation after the upload, file types in words; cancelling a training registration asks
first; staff read when attendance opens; the favicon. Screenshots at 1366 and 390 px go to
$CIMAISE_SHOTS (when set) for a human to look at."""

import base64
import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from documents.models import Document
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.documents import samples
from trainings import services
from trainings.models import PARIS, Registration

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("CIMAISE_SHOTS", "")
WIDTHS = {"desktop": 1366, "phone": 390}


def _shoot(page, name):
    """Screenshots at both widths (when asked for), with the page checked by axe at each."""
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def _drop(page, selector, name, data, mime):
    transfer = page.evaluate_handle(
        """([name, b64, mime]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: mime }));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode(), mime],
    )
    page.dispatch_event(selector, "dragover", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def test_a_dropped_file_is_uploaded_and_the_member_is_told(new_page, member):
    folder = factories.FolderFactory(name="Régie des œuvres")
    page = new_page(member)
    page.goto(f"/documents/dossiers/{folder.pk}/")
    expect(page.locator(".empty-state")).to_have_text(
        "Aucun document dans ce dossier pour le moment."
    )
    page.get_by_role("link", name="Déposer un document").click()

    zone = page.locator(".drop-zone")
    expect(zone).to_contain_text("Vous pouvez aussi glisser-déposer le fichier ici.")
    expect(page.get_by_label("Envoi du fichier")).to_be_hidden()
    _shoot(page, "upload-form")
    _drop(
        page, ".drop-zone", "constat_etat-2027.pdf", samples.pdf_bytes("Constat"), "application/pdf"
    )
    expect(page.locator(".drop-chosen")).to_have_text("Fichier choisi : constat_etat-2027.pdf")
    expect(page.get_by_label("Titre")).to_have_value("constat etat 2027")
    assert page.get_by_label("Fichier", exact=True).evaluate("(input) => input.files[0].name") == (
        "constat_etat-2027.pdf"
    )
    # Still no progress bar: it appears when the upload starts.
    expect(page.get_by_label("Envoi du fichier")).to_be_hidden()
    page.get_by_label("Titre").fill("Constat d'état type")
    page.get_by_role("button", name="Déposer").click()

    expect(page).to_have_url(re.compile(r"/documents/\d+/$"), timeout=15_000)
    expect(page.locator(".messages")).to_have_text("Le document est déposé.")
    expect(page.locator(".file-type")).to_have_text("PDF")
    assert Document.objects.get().current_version.original_filename == "constat_etat-2027.pdf"
    _shoot(page, "document")
    # The message was shown once: a reload does not show it again.
    page.reload()
    expect(page.locator(".messages")).to_have_count(0)

    page.goto(f"/documents/dossiers/{folder.pk}/")
    row = page.locator(".documents-table tbody tr")
    expect(row.locator(".file-type")).to_have_text("PDF")
    _shoot(page, "folder")
    # On a phone the document is a card: its download link is entirely on screen.
    page.set_viewport_size({"width": 390, "height": 900})
    link = row.get_by_role("link", name=re.compile("Télécharger"))
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_cancelling_asks_first_and_the_status_reads_clearly(new_page, member):
    training = factories.TrainingFactory(title="Inventaire et récolement", capacity=1)
    services.register(member=member, training=training)
    full = factories.TrainingFactory(title="Constat d'état : atelier", capacity=1)
    services.register(member=factories.make_member(), training=full)
    services.register(member=member, training=full)

    page = new_page(member)
    page.goto("/formations/")
    card = page.locator(f"article[data-training='{training.pk}']")
    expect(card.locator(".seats-line")).to_have_text("Places : Complet — liste d'attente ouverte")
    expect(card.locator(".my-status")).to_have_text("Vous êtes inscrit·e Votre place est réservée.")
    waiting = page.locator(f"article[data-training='{full.pk}'] .my-status")
    expect(waiting).to_contain_text("Position 1 : vous aurez une place si quelqu'un se désinscrit.")
    _shoot(page, "trainings-list")

    page.goto(training.get_absolute_url())
    page.get_by_role("link", name="Se désinscrire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous désinscrire ?")
    _shoot(page, "trainings-cancel-confirm")
    page.get_by_role("link", name="Non, garder ma place").click()
    expect(page.locator("#my-status")).to_have_text("Vous êtes inscrit·e.")
    assert Registration.objects.get(training=training, member=member).status == "confirmed"

    page.get_by_role("link", name="Se désinscrire").click()
    page.get_by_role("button", name="Oui, me désinscrire").click()
    expect(page.locator("#my-status")).to_have_text("Vous n'êtes pas inscrit·e.")
    assert Registration.objects.get(training=training, member=member).status == "cancelled"


def test_staff_read_when_attendance_opens(new_page, staff):
    day = timezone.localdate() + datetime.timedelta(days=8)
    start = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=PARIS)
    training = factories.TrainingFactory(
        title="Webinaire : le récolement décennal",
        kind="webinaire",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    services.register(member=factories.make_member(), training=training)
    page = new_page(staff)
    page.goto(f"/formations/gestion/{training.pk}/")
    expect(page.locator("#attendance-opens")).to_contain_text("s'ouvrira au début de la formation")
    expect(page.locator("#attendance-opens")).to_contain_text("à 09:30")
    _shoot(page, "trainings-staff")
    page.get_by_role("link", name="Feuille d'émargement").click()
    expect(page.locator("body")).not_to_contain_text("Webinaire : Webinaire")


def test_month_titles_stay_in_their_day_on_a_phone(new_page, member):
    start = timezone.localtime().replace(day=12, hour=9, minute=0, second=0, microsecond=0)
    factories.TrainingFactory(
        title="Journée professionnelle : conservation préventive des collections textiles",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        registration_closes_at=start - datetime.timedelta(hours=1),
    )
    page = new_page(member)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/formations/mois/")
    # On a phone the month is an agenda: only the day with a training, its date in words, the
    # whole title within the screen.
    days = page.locator("table.month td")
    visible = [i for i in range(days.count()) if days.nth(i).is_visible()]
    assert len(visible) == 1
    day = days.nth(visible[0])
    expect(day.locator(".day-full")).to_contain_text(f"{start.day} ")
    link = day.get_by_role("link")
    expect(link).to_have_text(re.compile("conservation préventive des collections textiles$"))
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    _shoot(page, "trainings-month")
    # On a desktop the title wraps inside its day instead of spilling into the next one.
    page.set_viewport_size({"width": 1366, "height": 900})
    cell_box, link_box = day.bounding_box(), link.bounding_box()
    assert link_box["x"] + link_box["width"] <= cell_box["x"] + cell_box["width"] + 1


def test_the_favicon_is_served(new_page, member):
    page = new_page(member)
    page.goto("/formations/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(href).status == 200
    response = page.request.get("/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")


CONTRAST = """(element) => {
    const rgb = (value) => value.match(/\\d+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
        const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const style = getComputedStyle(element);
    const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
    return { background: style.backgroundColor,
             ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
}"""


def test_danger_buttons_are_red_and_the_footer_has_room(new_page, staff):
    training = factories.TrainingFactory(title="Visite des réserves")
    page = new_page(staff)
    page.goto(f"/formations/gestion/{training.pk}/")
    danger = page.get_by_role("button", name="Annuler la formation").evaluate(CONTRAST)
    primary = page.get_by_role("button", name="Publier et prévenir les membres")
    primary = primary.evaluate(CONTRAST) if primary.count() else None
    assert danger["ratio"] >= 4.5
    red, green, blue = (int(v) for v in re.findall(r"\d+", danger["background"])[:3])
    assert red > 150 and green < 60 and blue < 60, danger  # a true red, not the wine accent
    if primary:
        assert primary["background"] != danger["background"]
    padding = page.locator("main").evaluate("(m) => parseFloat(getComputedStyle(m).paddingBottom)")
    assert padding >= 24
    hidden = page.evaluate(
        """() => { const d = document.createElement('div'); d.className = 'upload-progress';
        d.hidden = true; document.body.append(d); return getComputedStyle(d).display; }"""
    )
    assert hidden == "none"


def test_a_file_dropped_on_the_folder_page_opens_the_form_there(new_page, member):
    folder = factories.FolderFactory(name="Conservation préventive")
    page = new_page(member)
    page.goto(f"/documents/dossiers/{folder.pk}/")
    area = page.locator("[data-upload-drop]")
    expect(area).to_have_text("Glissez un fichier ici pour le déposer dans ce dossier.")
    _shoot(page, "folder-empty")
    _drop(
        page, "[data-upload-drop]", "plan-urgence.pdf", samples.pdf_bytes("Plan"), "application/pdf"
    )

    # The upload form opens in place, file chosen and title suggested; the page did not change.
    expect(area.get_by_label("Titre")).to_have_value("plan urgence")
    expect(area.get_by_label("Titre")).to_be_focused()
    expect(area.locator(".drop-chosen")).to_have_text("Fichier choisi : plan-urgence.pdf")
    expect(page).to_have_url(re.compile(rf"/documents/dossiers/{folder.pk}/$"))
    expect(page.get_by_label("Envoi du fichier")).to_be_hidden()
    assert_accessible(page)
    area.get_by_role("button", name="Déposer").click()

    expect(page).to_have_url(re.compile(r"/documents/\d+/$"), timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("plan urgence")
    expect(page.locator(".messages")).to_have_text("Le document est déposé.")
    assert Document.objects.get().folder == folder


def test_without_the_right_to_add_there_is_no_drop_area(new_page, member):
    from documents.models import Folder

    folder = factories.FolderFactory(name="Textes officiels", add_access=Folder.AddAccess.STAFF)
    page = new_page(member)
    page.goto(f"/documents/dossiers/{folder.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Textes officiels")
    expect(page.locator("[data-upload-drop]")).to_have_count(0)
