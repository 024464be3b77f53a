"""Demo content of the library: a few folders and a small generated PDF (idempotent)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from documents import services
from documents.models import Document, Folder

FOLDERS = [
    # name, parent, read access, roles, add access, description
    ("Procédures", None, "members", [], "readers", "Procédures de régie, de prêt et de sûreté."),
    ("Modèles", None, "members", [], "readers", "Modèles de conventions, constats d'état."),
    ("Journées professionnelles", None, "members", [], "readers", "Comptes rendus et supports."),
    ("Textes officiels", None, "members", [], "staff", "Code du patrimoine, circulaires."),
    ("Recrutement", None, "restricted", ["recruiter"], "staff", "Grilles et fiches de poste."),
    ("Prêts d'œuvres", "Procédures", "members", [], "readers", "Conventions de prêt."),
]


def _pdf(title: str, lines: list[str]) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setTitle(title)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(72, 760, title)
    page.setFont("Helvetica", 11)
    for index, line in enumerate(lines):
        page.drawString(72, 730 - 16 * index, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def seed(ctx: dict) -> None:
    staff = ctx["staff"]
    folders: dict[str, Folder] = {}
    for position, (name, parent, read, read_roles, add, description) in enumerate(FOLDERS, 1):
        folder, _created = Folder.objects.get_or_create(
            name=name,
            parent=folders.get(parent),
            defaults={
                "position": position,
                "read_access": read,
                "read_roles": read_roles,
                "add_access": add,
                "description": description,
            },
        )
        folders[name] = folder
    members = ctx.get("members") or [staff]
    samples = [
        (
            "Journées professionnelles",
            members[0],
            "Compte rendu — journée régie des œuvres",
            ["régie", "journée"],
            "compte-rendu-journee-regie.pdf",
            [
                "Journée professionnelle des régisseurs d'Occitanie.",
                "Thèmes : conditionnement, constat d'état, hygrométrie des réserves.",
                "Humidité relative en réserve : viser 45 à 55 %, sans variation brusque.",
            ],
        ),
        (
            "Prêts d'œuvres",
            staff,
            "Modèle de convention de prêt",
            ["prêt", "modèle"],
            "convention-de-pret.pdf",
            ["Convention de prêt d'œuvres entre musées.", "Assurance clou à clou, transport."],
        ),
    ]
    for folder_name, author, title, tags, filename, lines in samples:
        folder = folders[folder_name]
        if Document.objects.filter(folder=folder, title=title).exists():
            continue
        stored = services.store_upload(SimpleUploadedFile(filename, _pdf(title, lines)))
        services.publish_document(
            folder=folder,
            by=author,
            title=title,
            tags=tags,
            stored=stored,
            description="Document de démonstration.",
        )
