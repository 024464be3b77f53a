"""Daily: email each member the unread notifications they get as a digest (safe to run twice)."""

from django.core.management.base import BaseCommand

from notifications.emails import send_digests


class Command(BaseCommand):
    help = "Envoie le résumé quotidien des notifications non lues (une fois par élément)."

    def handle(self, *args, **options):
        sent = send_digests()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{sent} digest(s) sent.")
