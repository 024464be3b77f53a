"""Self-service GDPR: a member's data as a ZIP, and the deletion of their account.

Each Cimaise app may declare a `gdpr` module in its AppConfig (community/registry.py), with:
- `export(user) -> {"data": dict, "files": [(zip_path, storage_name), ...]}`;
- `erase(user) -> None`: deletes or anonymises the app's rows for that person inside the
  current transaction. An app that removes stored files schedules their deletion itself with
  `transaction.on_commit` (as its own services do, e.g. cvtheque's delete_profile), so the files
  go only once the whole erasure commits and a rollback keeps them.
This module runs them for every app and is also the community app's own part: profile, email
addresses, membership and dues.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import PurePosixPath

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import cache, files, registry
from community.errors import AccountDeletionRefused
from community.models import Membership

User = get_user_model()

# Exports above this size spill from memory to a temporary file on disk.
SPOOL_MAX_MEMORY = 8 * 1024 * 1024


def gdpr_modules() -> list[tuple[str, object]]:
    """(app, module) for each app that declares a gdpr module, in settings order."""
    return registry.contributions("gdpr")


def safe_zip_name(name: str, default: str = "fichier") -> str:
    """A file name that cannot climb out of its folder when the archive is extracted."""
    base = PurePosixPath(str(name).replace("\\", "/")).name.strip().lstrip(".")
    return base or default


# -- export -----------------------------------------------------------------------------------


def collect_export(user) -> dict[str, dict]:
    """{app: {"data": ..., "files": [...]}} for every app that keeps something about `user`."""
    return {app: module.export(user) for app, module in gdpr_modules()}


def build_export_zip(user):
    """A ZIP of everything Cimaise holds about `user`: one JSON per app and the stored files.

    Returned as a file object positioned at the start (a SpooledTemporaryFile: big exports go
    to disk, never whole into memory); files are copied from the storage in chunks.
    """
    exports = collect_export(user)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_MEMORY)  # noqa: SIM115
    manifest = {
        "exported_at": timezone.now(),
        "account": user.email,
        "apps": {},
        "missing_files": [],
    }
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for app, export in exports.items():
            archive.writestr(
                f"{app}.json",
                json.dumps(
                    export.get("data", {}), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
                ),
            )
            written = []
            for zip_path, storage_name in export.get("files", []):
                path = f"{app}/{zip_path}"
                if _copy_stored_file(archive, path, storage_name):
                    written.append(path)
                else:
                    manifest["missing_files"].append(path)
            manifest["apps"][app] = {"json": f"{app}.json", "files": written}
        archive.writestr(
            "manifest.json",
            json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
    spool.seek(0)
    return spool


def _copy_stored_file(archive: zipfile.ZipFile, path: str, storage_name: str) -> bool:
    chunks = files.iter_chunks(storage_name)
    try:
        first = next(chunks, b"")
    except files.StorageUnavailable:
        # A file gone from the storage is listed in the manifest rather than failing the export.
        if files.file_exists(storage_name):
            raise
        return False
    with archive.open(path, "w", force_zip64=True) as entry:
        entry.write(first)
        for chunk in chunks:
            entry.write(chunk)
    return True


def export(user) -> dict:
    """The community app's part: the account, its email addresses, membership and dues."""
    from allauth.account.models import EmailAddress

    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "handle": user.handle,
            "hide_from_directory": user.hide_from_directory,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "domains": sorted(user.domains.values_list("name", flat=True)),
            "skills": sorted(user.skills.values_list("name", flat=True)),
            "language": user.language,
            "structures_as_contact": sorted(str(s) for s in user.structures_vouching.all()),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "membership": None,
        "dues": [],
    }
    membership = Membership.objects.filter(user=user).select_related("structure").first()
    if membership is not None:
        data["membership"] = {
            "structure": str(membership.structure),
            "job_title": membership.job_title,
            "profession": membership.profession,
            "status": membership.status,
            "valid_until": membership.valid_until,
            "application_note": membership.application_note,
            "decision_reason": membership.decision_reason,
            "applied_at": membership.applied_at,
            "approved_at": membership.approved_at,
        }
        data["dues"] = [
            {
                "year": payment.year,
                "amount": payment.amount,
                "paid_on": payment.paid_on,
                "method": payment.method,
            }
            for payment in membership.payments.order_by("year", "paid_on")
        ]
    data["account"]["photo"] = "photo.jpg" if user.photo else None
    photo = [("photo.jpg", user.photo)] if user.photo else []
    return {"data": data, "files": photo}


# -- erasure ----------------------------------------------------------------------------------


def erase(user) -> None:
    """The community app's part of the erasure: the membership.

    A membership with recorded dues is kept, pseudonymised, as the association's accounting
    history (dues are bookkeeping records the association must keep); its free-text fields are
    emptied and it is marked expired so that no reminder or renewal ever targets it. A
    membership without any payment (an application) is removed.
    """
    membership = Membership.objects.select_for_update().filter(user=user).first()
    if membership is None:
        return
    if not membership.payments.exists():
        membership.delete()
        return
    today = timezone.localdate()
    membership.status = Membership.Status.EXPIRED
    if membership.valid_until is None or membership.valid_until > today:
        membership.valid_until = today
    membership.job_title = ""
    membership.application_note = ""
    membership.decision_reason = ""
    membership.reminders_sent = []
    membership.save()


def _anonymise_user(user) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.structures_vouching.clear()
    user.email = f"deleted-{user.pk}@invalid"
    user.first_name = ""
    user.last_name = ""
    user.handle = None
    user.hide_from_directory = True
    if user.photo:
        photo, user.photo = user.photo, ""
        # The file goes once the erasure is committed; a rollback keeps both.
        transaction.on_commit(lambda: files.delete_file(photo))
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    # An unusable password also ends every other session of the account.
    user.set_unusable_password()
    user.save()


def _check_can_delete(user, confirm_email: str) -> None:
    if (confirm_email or "").strip().lower() != (user.email or "").lower():
        raise AccountDeletionRefused(
            _(
                "L'adresse e-mail saisie ne correspond pas à celle de votre compte : rien n'a été supprimé."
            )
        )
    if user.is_staff and user.is_active:
        # Lock the staff rows so two staff members cannot both leave at the same moment.
        staff = list(
            User.objects.select_for_update()
            .filter(is_staff=True, is_active=True)
            .values_list("pk", flat=True)
        )
        if not any(pk != user.pk for pk in staff):
            raise AccountDeletionRefused(
                _(
                    "Vous êtes le dernier membre actif de l'équipe : nommez quelqu'un d'autre "
                    "dans l'équipe avant de supprimer votre compte."
                )
            )


def delete_account(user, *, confirm_email: str) -> None:
    """Erase a person's data in every app, then anonymise the account; all or nothing.

    Stored files are removed by the apps only after the transaction commits, so a failure
    leaves both the rows and the files as they were.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _check_can_delete(user, confirm_email)
        for _app, module in gdpr_modules():
            module.erase(user)
        _anonymise_user(user)
        # The name is gone: every cached page that showed it is retired.
        cache.bump(cache.PEOPLE)
