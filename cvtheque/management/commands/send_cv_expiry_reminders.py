"""Daily: tell candidates 30 and 7 days before their CV expires (once per reminder)."""

from django.core.management.base import BaseCommand

from cvtheque import services


class Command(BaseCommand):
    help = "Prévient les candidats 30 et 7 jours avant l'expiration de leur CV."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.send_expiry_reminders()} rappel(s) envoyé(s).")
