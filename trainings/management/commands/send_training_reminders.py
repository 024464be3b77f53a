"""Remind confirmed members two days before their training (safe to run twice: cron it hourly)."""

from django.core.management.base import BaseCommand

from trainings.services import send_reminders


class Command(BaseCommand):
    help = "Envoie les rappels des formations qui ont lieu dans deux jours."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
