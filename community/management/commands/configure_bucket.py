"""Set up the files bucket for the site, then check from outside that it works and stays private.

Sets: a CORS rule letting the site's origin (SITE_URL) POST to the bucket (the direct uploads of
documents/upload.js) and GET/HEAD, and the public access block where the provider implements
it. Checks: a browser on the site's origin may POST (CORS preflight), while an unsigned GET of
an object and an unsigned listing are refused. Safe to run at every start (deploy/cimaise.service).
"""

import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community import files

CORS_RULE_ID = "cimaise-direct-uploads"
# A multipart POST needs no other request header; HEAD and GET let a browser read what it sent.
CORS_METHODS = ["POST", "GET", "HEAD"]
CORS_HEADERS = ["content-type"]
CORS_MAX_AGE = 3000
PROBE_PREFIX = "cimaise-configure-bucket"
# Error codes of providers that do not implement an S3 API (MinIO, Ceph, some clouds).
NOT_IMPLEMENTED = {"NotImplemented", "NotImplementedError", "XNotImplemented", "MethodNotAllowed"}


def both(message) -> str:
    """A message in French, then in English (operators read either)."""
    with translation.override("fr"):
        french = str(message)
    with translation.override("en"):
        english = str(message)
    return french if french == english else f"{french}\n{english}"


def site_origin(url: str) -> str:
    """The origin a browser sends for pages of `url`: scheme://host[:port], default port left out."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(
            both(_("SITE_URL n'est pas une adresse http(s) valable : %(url)s")) % {"url": url}
        )
    default_port = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    return f"{parts.scheme}://{host}{port}"


def _code(error) -> str:
    return str(getattr(error, "response", {}).get("Error", {}).get("Code", ""))


def _status(error) -> int:
    return int(getattr(error, "response", {}).get("ResponseMetadata", {}).get("HTTPStatusCode", 0))


class Command(BaseCommand):
    help = (
        "Configure le bucket S3 pour le site (CORS des envois directs depuis SITE_URL, accès "
        "public bloqué) puis vérifie qu'il reste privé. / Sets up the S3 bucket for the site "
        "and checks that it stays private."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Vérifier sans rien modifier (clé sans droit d'administration du bucket).",
        )

    def handle(self, *args, check_only=False, **options):
        store = files.backend()
        if not store.direct_uploads:
            self.stdout.write(
                both(_("Pas de bucket S3 (S3_BUCKET est vide) : les fichiers restent locaux."))
            )
            return
        from botocore.exceptions import BotoCoreError, ClientError

        origin = site_origin(settings.SITE_URL)
        backend, client, bucket = store.storage, store.client, store.bucket
        try:
            if not check_only:
                self._set_cors(client, bucket, origin)
                self._block_public_access(client, bucket)
            problems = self._check(backend, client, bucket, origin)
        except (BotoCoreError, ClientError) as error:
            raise CommandError(
                both(_("Le bucket %(bucket)s n'a pas pu être configuré ni vérifié : %(error)s"))
                % {"bucket": bucket, "error": error}
            ) from error
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(
            both(_("Bucket %(bucket)s prêt : envois directs permis depuis %(origin)s, privé."))
            % {"bucket": bucket, "origin": origin}
        )

    # -- configuration ------------------------------------------------------------------------

    def _set_cors(self, client, bucket, origin):
        """Our rule replaces the previous one of the same ID; other rules are kept."""
        from botocore.exceptions import ClientError

        try:
            rules = client.get_bucket_cors(Bucket=bucket)["CORSRules"]
        except ClientError as error:
            if _code(error) != "NoSuchCORSConfiguration":
                raise
            rules = []
        rules = [rule for rule in rules if rule.get("ID") != CORS_RULE_ID]
        rules.append(
            {
                "ID": CORS_RULE_ID,
                "AllowedOrigins": [origin],
                "AllowedMethods": CORS_METHODS,
                "AllowedHeaders": CORS_HEADERS,
                "MaxAgeSeconds": CORS_MAX_AGE,
            }
        )
        client.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": rules})

    def _block_public_access(self, client, bucket):
        from botocore.exceptions import ClientError

        try:
            client.put_public_access_block(
                Bucket=bucket,
                PublicAccessBlockConfiguration={
                    "BlockPublicAcls": True,
                    "IgnorePublicAcls": True,
                    "BlockPublicPolicy": True,
                    "RestrictPublicBuckets": True,
                },
            )
        except ClientError as error:
            if _code(error) not in NOT_IMPLEMENTED and _status(error) not in (405, 501):
                raise
            self.stderr.write(
                both(
                    _(
                        "Ce fournisseur ne gère pas le blocage de l'accès public "
                        "(PutPublicAccessBlock) : seule la vérification ci-dessous garantit "
                        "que le bucket est privé."
                    )
                )
            )

    # -- checks -------------------------------------------------------------------------------

    def _check(self, backend, client, bucket, origin) -> list[str]:
        """What a browser on the site and an anonymous visitor can do; one message per problem."""
        problems = []
        probe = f"{PROBE_PREFIX}/{uuid.uuid4().hex}.txt"
        client.put_object(Bucket=bucket, Key=probe, Body=b"cimaise", ContentType="text/plain")
        try:
            # Where the browser POSTs: the URL of a presigned POST (path or virtual style).
            post_url = client.generate_presigned_post(Bucket=bucket, Key=probe, ExpiresIn=60)["url"]
            if not self._preflight_allows(post_url, origin):
                problems.append(
                    both(
                        _(
                            "Le bucket refuse les envois directs depuis %(origin)s (règle CORS "
                            "absente ou incomplète) : les dépôts de documents échoueraient."
                        )
                    )
                    % {"origin": origin}
                )
            anonymous = self._unsigned_client(backend)
            if self._answers(lambda: anonymous.get_object(Bucket=bucket, Key=probe)):
                problems.append(
                    both(
                        _(
                            "Le bucket %(bucket)s est lisible sans signature : n'importe qui "
                            "peut télécharger les fichiers. Rendez-le privé (ACL, politique)."
                        )
                    )
                    % {"bucket": bucket}
                )
            if self._answers(lambda: anonymous.list_objects_v2(Bucket=bucket, MaxKeys=1)):
                problems.append(
                    both(
                        _(
                            "Le contenu du bucket %(bucket)s peut être listé sans signature. "
                            "Rendez-le privé (ACL, politique)."
                        )
                    )
                    % {"bucket": bucket}
                )
        finally:
            client.delete_object(Bucket=bucket, Key=probe)
        return problems

    def _preflight_allows(self, url, origin) -> bool:
        request = urllib.request.Request(
            url,
            method="OPTIONS",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                allowed_origin = response.headers.get("Access-Control-Allow-Origin", "")
                allowed_methods = response.headers.get("Access-Control-Allow-Methods", "")
        except (urllib.error.URLError, OSError):  # HTTPError (a refusal) included
            return False
        return allowed_origin in (origin, "*") and "POST" in allowed_methods.upper()

    def _unsigned_client(self, backend):
        import boto3
        from botocore import UNSIGNED
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=backend.endpoint_url or None,
            region_name=backend.region_name or None,
            config=Config(
                signature_version=UNSIGNED,
                s3={"addressing_style": backend.addressing_style or "auto"},
                retries={"max_attempts": 1},
            ),
        )

    def _answers(self, call) -> bool:
        """True when an unsigned request is served; False when S3 refuses it (401/403)."""
        from botocore.exceptions import ClientError

        try:
            call()
        except ClientError as error:
            if _status(error) in (401, 403):
                return False
            raise
        return True
