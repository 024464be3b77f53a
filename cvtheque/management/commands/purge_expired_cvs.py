"""Nightly: remind candidates whose CV expires soon, then delete expired CVs and their files."""

from django.core.management.base import BaseCommand

from cvtheque import services


class Command(BaseCommand):
    help = "Envoie les rappels d'expiration puis supprime les CV expirés et leurs fichiers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-reminders", action="store_true", help="Ne pas envoyer les rappels."
        )

    def handle(self, *args, **options):
        if not options["no_reminders"]:
            reminded = services.send_expiry_reminders()
            self.stdout.write(f"{reminded} rappel(s) envoyé(s).")
        purged = services.purge_expired_profiles()
        self.stdout.write(f"{purged} CV expiré(s) supprimé(s).")
