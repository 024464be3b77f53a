"""Every minute (cron) or as a service (--loop): send the emails waiting in the outbox.

Each email is claimed under a row lock that other workers skip (PostgreSQL), so two workers
never send one email twice; a failure waits 1, 2, 4… minutes (at most an hour) before the
next attempt.
"""

import time

from django.core.management.base import BaseCommand

from notifications.mail import send_due


class Command(BaseCommand):
    help = "Envoie les e-mails en attente dans la file d'envoi (et réessaie les échecs)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running: send what is due every few seconds."
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between two passes (--loop)."
        )

    def handle(self, *args, **options):
        while True:
            sent = send_due()
            if options["verbosity"] >= 1 and (sent or not options["loop"]):
                self.stdout.write(f"{sent} email(s) sent.")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
