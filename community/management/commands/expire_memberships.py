"""Nightly job: renewal reminders 30 and 7 days ahead, then memberships past their date expire
and members whose grace period is over stop receiving live notifications.

Safe to run twice: each reminder is recorded in Membership.reminders_sent and sent once.
"""

from django.core.management.base import BaseCommand

from community.membership import services


class Command(BaseCommand):
    help = "Envoie les rappels de renouvellement et marque les adhésions échues comme expirées."

    def handle(self, *args, **options):
        reminded = services.send_renewal_reminders()
        expired = services.expire_memberships()
        self.stdout.write(f"reminders sent: {reminded}; memberships expired: {expired}")
