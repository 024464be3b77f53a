"""The attendance certificate (attestation de présence) of a member: its verification code, the
public address that checks it, and the PDF built with reportlab (with a QR code of that address)."""

import io
import logging
import secrets

import qrcode
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from trainings.models import PARIS, Registration, Training

logger = logging.getLogger(__name__)

# Letters and digits nobody confuses when typing them from paper (no 0/O, 1/I/L, U/V).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 12  # 29**12: about 58 bits, far beyond what the rate-limited lookup lets anyone try


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What someone typed ("abcd-efgh jkmn") as stored ("ABCDEFGHJKMN")."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())[:32]


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def ensure_code(registration: Registration) -> str:
    """The registration's verification code, given once (the first time a certificate is made)."""
    if registration.certificate_code:
        return registration.certificate_code
    for _attempt in range(5):
        try:
            with transaction.atomic():
                Registration.objects.filter(
                    pk=registration.pk, certificate_code__isnull=True
                ).update(certificate_code=new_code())
            break
        except IntegrityError:  # the same code drawn twice: draw again
            continue
    # Another request may have given it first: theirs is the one.
    registration.certificate_code = Registration.objects.values_list(
        "certificate_code", flat=True
    ).get(pk=registration.pk)
    return registration.certificate_code


def verification_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("trainings:verify_code", args=[code])


def certified(code: str) -> Registration | None:
    """The attendance a code certifies, or None (unknown code, or no longer marked present)."""
    if not code:
        return None
    return (
        Registration.objects.select_related("training", "member")
        .filter(certificate_code=code, attendance=Registration.Attendance.PRESENT)
        .first()
    )


def holder_name(registration: Registration) -> str:
    """The name shown to whoever checks a certificate: never the email address."""
    return registration.member.get_full_name() or _("(nom non renseigné)")


def certificates_of(member):
    return (
        Registration.objects.filter(member=member, attendance=Registration.Attendance.PRESENT)
        .select_related("training__organiser", "training__place_structure", "member")
        .order_by("-training__starts_at", "pk")
    )


def file_name(registration: Registration) -> str:
    training = registration.training
    day = timezone.localtime(training.starts_at, PARIS).date().isoformat()
    slug = slugify(training.title)[:60] or "formation"
    return f"attestation-{day}-{slug}-{training.pk}.pdf"


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value, PARIS), "j F Y")


def dates_text(training: Training) -> str:
    if training.spans_days():
        return _("du %(start)s au %(end)s") % {
            "start": _date(training.starts_at),
            "end": _date(training.ends_at),
        }
    return _("le %(date)s") % {"date": _date(training.starts_at)}


def hours_text(training: Training) -> str:
    duration = training.duration()
    return formats.number_format(duration, decimal_pos=1 if duration % 1 else 0)


def followed_text(training: Training) -> str:
    """'a suivi une formation … organisée par …': the words agree with the kind of training."""
    values = {"title": training.title, "organiser": training.organiser}
    if training.kind == Training.Kind.WEBINAIRE:
        return (
            _("a suivi un webinaire intitulé « %(title)s », organisé par %(organiser)s,") % values
        )
    if training.kind == Training.Kind.JOURNEE:
        return (
            _(
                "a participé à une journée professionnelle intitulée « %(title)s », "
                "organisée par %(organiser)s,"
            )
            % values
        )
    if training.kind == Training.Kind.VISITE:
        return (
            _("a participé à une visite intitulée « %(title)s », organisée par %(organiser)s,")
            % values
        )
    return _("a suivi une formation intitulée « %(title)s », organisée par %(organiser)s,") % values


class QrCode(Flowable):
    """A QR code drawn as vector squares (sharp when printed), from the qrcode package's matrix."""

    def __init__(self, data: str, size: float):
        super().__init__()
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
        code.add_data(data)
        code.make(fit=True)
        self.matrix = code.get_matrix()
        self.width = self.height = size

    def draw(self):
        cell = self.width / len(self.matrix)
        self.canv.setFillColorRGB(0, 0, 0)
        for row, cells in enumerate(self.matrix):
            for col, dark in enumerate(cells):
                if dark:
                    y = self.height - (row + 1) * cell
                    self.canv.rect(col * cell, y, cell, cell, stroke=0, fill=1)


def _logo():
    path = settings.ASSOCIATION_LOGO
    if not path:
        return None
    try:
        logo = Image(path)
        ratio = logo.imageHeight / logo.imageWidth
        logo.drawWidth, logo.drawHeight = 3.5 * cm, 3.5 * cm * ratio
        if logo.drawHeight > 3 * cm:
            logo.drawWidth, logo.drawHeight = 3 * cm / ratio, 3 * cm
        return logo
    except (OSError, ZeroDivisionError):
        # A wrong path or an unreadable file must not stop anyone from getting a certificate.
        logger.warning("ASSOCIATION_LOGO %r cannot be read: certificate without logo", path)
        return None


STYLES = {
    "association": ParagraphStyle("association", fontName="Helvetica-Bold", fontSize=14),
    "title": ParagraphStyle(
        "title", fontName="Helvetica-Bold", fontSize=20, leading=26, alignment=TA_CENTER
    ),
    "body": ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=17),
    "name": ParagraphStyle(
        "name", fontName="Helvetica-Bold", fontSize=14, leading=20, alignment=TA_CENTER
    ),
    "small": ParagraphStyle("small", fontName="Helvetica", fontSize=9, leading=12),
}


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), STYLES[style])


def _header() -> list:
    name = _p(settings.ASSOCIATION_NAME, "association")
    logo = _logo()
    if logo is None:
        return [name]
    table = Table([[logo, name]], colWidths=[4 * cm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [table]


def _body(registration: Registration) -> list:
    training = registration.training
    story = [
        _p(_("%(association)s atteste que") % {"association": settings.ASSOCIATION_NAME}),
        Spacer(1, 0.4 * cm),
        _p(str(registration.member), "name"),
        Spacer(1, 0.4 * cm),
        _p(followed_text(training)),
        _p(
            _("%(dates)s, d'une durée de %(hours)s heures.")
            % {"dates": dates_text(training), "hours": hours_text(training)}
        ),
    ]
    if training.place_label():
        story.append(_p(_("Lieu : %(place)s") % {"place": training.place_label()}))
    elif training.online_url:
        story.append(_p(_("Lieu : à distance")))
    if training.objectives.strip():
        story += [Spacer(1, 0.4 * cm), _p(_("Objectifs :"))]
        story += [_p(line) for line in training.objectives.strip().splitlines() if line.strip()]
    return story


def _signature() -> list:
    today = formats.date_format(timezone.localdate(), "j F Y")
    return [
        _p(_("Fait le %(date)s, pour servir et valoir ce que de droit.") % {"date": today}),
        Spacer(1, 0.8 * cm),
        _p(_("Pour %(association)s,") % {"association": settings.ASSOCIATION_NAME}),
        _p(_("Nom, qualité et signature :")),
        Spacer(1, 1.6 * cm),
        _p("_" * 40),
    ]


def _verification(code: str) -> list:
    url = verification_url(code)
    text = [
        _p(_("Vérifier cette attestation"), "small"),
        _p(url, "small"),
        _p(_("Code de vérification : %(code)s") % {"code": display_code(code)}, "small"),
    ]
    table = Table([[QrCode(url, 3 * cm), text]], colWidths=[3.5 * cm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [table]


def certificate_pdf(registration: Registration) -> bytes:
    code = ensure_code(registration)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=_("Attestation de présence"),
        author=settings.ASSOCIATION_NAME,
        subject=registration.training.title,
        lang=get_language() or "fr",
    )
    story = [
        *_header(),
        Spacer(1, 1.5 * cm),
        _p(_("Attestation de présence"), "title"),
        Spacer(1, 1 * cm),
        *_body(registration),
        Spacer(1, 1 * cm),
        *_signature(),
        Spacer(1, 1.2 * cm),
        *_verification(code),
    ]
    document.build(story)
    return buffer.getvalue()
