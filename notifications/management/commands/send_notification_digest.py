"""Every morning: email each member the digest of what they have not read (safe to run twice)."""

from django.core.management.base import BaseCommand

from notifications.emails import send_digests


class Command(BaseCommand):
    help = "Envoie le résumé des notifications non lues (une fois par membre et par période)."

    def handle(self, *args, **options):
        sent = send_digests()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{sent} digest(s) sent.")
