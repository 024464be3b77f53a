"""The attendance certificate (attestation de présence) of a member, as a PDF built with reportlab."""

import io

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from trainings.models import PARIS, Registration


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value, PARIS), "j F Y")


def certificate_pdf(registration: Registration) -> bytes:
    training = registration.training
    member = registration.member
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("Attestation de présence"))
    pdf.setAuthor(settings.ASSOCIATION_NAME)
    width, height = A4
    y = height - 3 * cm
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(2.5 * cm, y, settings.ASSOCIATION_NAME)
    y -= 2.5 * cm
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawCentredString(width / 2, y, _("Attestation de présence"))
    y -= 2 * cm
    if training.spans_days():
        dates = _("du %(start)s au %(end)s") % {
            "start": _date(training.starts_at),
            "end": _date(training.ends_at),
        }
    else:
        dates = _("le %(date)s") % {"date": _date(training.starts_at)}
    duration = formats.number_format(
        training.duration(), decimal_pos=1 if training.duration() % 1 else 0
    )
    lines = [
        _("%(association)s atteste que") % {"association": settings.ASSOCIATION_NAME},
        "",
        str(member),
        "",
        _("a suivi : %(kind)s « %(title)s »")
        % {"kind": training.get_kind_display().lower(), "title": training.title},
        _("organisée par %(organiser)s,") % {"organiser": training.organiser},
        _("%(dates)s, d'une durée de %(hours)s heures.") % {"dates": dates, "hours": duration},
    ]
    if training.place_label():
        lines.append(_("Lieu : %(place)s") % {"place": training.place_label()})
    pdf.setFont("Helvetica", 12)
    for line in lines:
        if line == str(member):
            pdf.setFont("Helvetica-Bold", 13)
            pdf.drawCentredString(width / 2, y, line)
            pdf.setFont("Helvetica", 12)
        else:
            pdf.drawString(2.5 * cm, y, line)
        y -= 0.8 * cm
    y -= 1.5 * cm
    pdf.drawString(
        2.5 * cm,
        y,
        _("Fait le %(date)s, pour servir et valoir ce que de droit.")
        % {"date": formats.date_format(timezone.localdate(), "j F Y")},
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
