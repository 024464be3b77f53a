#!/usr/bin/env python3
"""Copy the files bucket to a folder (backup) or a folder back to the bucket (restore).

Uses boto3 (a Cimaise dependency) with the same S3_* variables as the site:
S3_BUCKET, S3_ENDPOINT_URL, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, S3_ADDRESSING_STYLE.

    bucket_sync.py download FOLDER           every object -> FOLDER/<key>, with a manifest
    bucket_sync.py upload FOLDER [--delete]  every file of FOLDER -> the bucket; --delete
                                             removes objects that are not in the backup

Only changed objects are copied (same size and MD5/ETag are skipped), so a nightly run
into the same folder is incremental.
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

MANIFEST = ".cimaise-bucket-manifest.json"


def s3_client():
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,
        aws_access_key_id=os.environ.get("S3_ACCESS_KEY") or None,
        aws_secret_access_key=os.environ.get("S3_SECRET_KEY") or None,
        region_name=os.environ.get("S3_REGION", "us-east-1"),
        config=Config(
            s3={"addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "path")},
            signature_version="s3v4",
            retries={"max_attempts": 5, "mode": "standard"},
        ),
    )


def remote_objects(client, bucket: str) -> dict[str, dict]:
    objects = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", []):
            objects[entry["Key"]] = {"size": entry["Size"], "etag": entry["ETag"].strip('"')}
    return objects


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def local_path(folder: Path, key: str) -> Path:
    path = (folder / key).resolve()
    if folder.resolve() not in path.parents:
        raise SystemExit(f"bucket_sync: refusing a key outside the folder: {key!r}")
    return path


def download(client, bucket: str, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    objects = remote_objects(client, bucket)
    copied = 0
    for key, meta in sorted(objects.items()):
        path = local_path(folder, key)
        if path.exists() and path.stat().st_size == meta["size"] and md5_of(path) == meta["etag"]:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        client.download_file(bucket, key, str(path))
        copied += 1
    # Files of an earlier backup that the bucket no longer has are removed from the copy.
    for path in list(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_file() and key != MANIFEST and key not in objects:
            path.unlink()
    (folder / MANIFEST).write_text(json.dumps(objects, indent=1, sort_keys=True))
    print(f"bucket_sync: {len(objects)} objects in {bucket}, {copied} downloaded to {folder}")
    return copied


def upload(client, bucket: str, folder: Path, *, delete: bool) -> int:
    if not folder.is_dir():
        raise SystemExit(f"bucket_sync: no such folder {folder}")
    existing = remote_objects(client, bucket)
    local = {
        path.relative_to(folder).as_posix(): path
        for path in folder.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    copied = 0
    for key, path in sorted(local.items()):
        meta = existing.get(key)
        if meta and meta["size"] == path.stat().st_size and meta["etag"] == md5_of(path):
            continue
        client.upload_file(str(path), bucket, key)
        copied += 1
    removed = 0
    if delete:
        for key in sorted(set(existing) - set(local)):
            client.delete_object(Bucket=bucket, Key=key)
            removed += 1
    print(f"bucket_sync: {copied} uploaded to {bucket}, {removed} removed, {len(local)} in backup")
    return copied


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("direction", choices=["download", "upload"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--delete", action="store_true", help="upload: remove extra objects")
    parser.add_argument("--bucket", default=os.environ.get("S3_BUCKET", ""))
    args = parser.parse_args(argv)
    if not args.bucket:
        print("bucket_sync: S3_BUCKET is not set", file=sys.stderr)
        return 2
    client = s3_client()
    if args.direction == "download":
        download(client, args.bucket, args.folder)
    else:
        upload(client, args.bucket, args.folder, delete=args.delete)
    return 0


if __name__ == "__main__":
    sys.exit(main())
