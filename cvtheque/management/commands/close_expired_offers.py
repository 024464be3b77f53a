"""Daily: close the published job offers whose closing date has passed."""

from django.core.management.base import BaseCommand

from cvtheque import services


class Command(BaseCommand):
    help = "Clôture les offres d'emploi dont la date limite est passée."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.close_expired_offers()} offre(s) clôturée(s).")
