"""Remove stored files under documents/ that no version row points to (safe to run twice)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from community import files
from documents.models import DocumentVersion
from documents.services import PREFIX


class Command(BaseCommand):
    help = "Supprime du stockage les fichiers de documents/ sans version enregistrée."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age",
            type=int,
            default=3600,
            help="Âge minimal en secondes (laisse finir les envois en cours). Défaut : 3600.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Lister sans supprimer.")

    def handle(self, *args, min_age, dry_run, **options):
        cutoff = timezone.now() - datetime.timedelta(seconds=min_age)
        removed = kept = 0
        batch: list[tuple[str, datetime.datetime]] = []
        for entry in files.list_files(PREFIX):
            batch.append(entry)
            if len(batch) >= 500:
                r, k = self._sweep(batch, cutoff, dry_run)
                removed, kept, batch = removed + r, kept + k, []
        r, k = self._sweep(batch, cutoff, dry_run)
        removed, kept = removed + r, kept + k
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(f"documents_gc: {verb} {removed} orphan file(s), kept {kept}.")

    def _sweep(self, batch, cutoff, dry_run):
        names = [name for name, _modified in batch]
        known = set(
            DocumentVersion.objects.filter(file_name__in=names).values_list("file_name", flat=True)
        )
        removed = kept = 0
        for name, modified in batch:
            if name in known or modified > cutoff:
                kept += 1
                continue
            if dry_run or files.delete_file(name):
                removed += 1
                self.stdout.write(f"  {name}")
        return removed, kept
