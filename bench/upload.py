"""Upload benchmark: a large file through the application's upload path vs raw boto3.

Starts moto's S3 server and Cimaise (community.asgi under uvicorn) as two subprocesses on
127.0.0.1, with a throwaway SQLite database and bucket. Then, for a generated text file of
--size bytes:

- application path, as upload.js does it: POST /documents/televersement/preparer/ (presigned
  POST), the file sent straight to the bucket, then the form submitted with the ticket so the
  server verifies the object (HEAD, ranged GET, streamed SHA-256) and saves the version;
- raw path: boto3 `upload_file` of the same file to the same endpoint.

Prints both throughputs, their ratio, and the peak memory growth of the application server
process (VmHWM minus the RSS before the upload; target < 50 MB).

    .venv/bin/python bench/upload.py --size 1G

Not part of the test run.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"size like 1G, 200M, 5000: {text}")
    return int(float(match[1]) * {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[match[2]])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port}")


def memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peak(pid: int) -> None:
    """Reset VmHWM so the peak measured is the upload's (Linux >= 4.0)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass


def make_file(path: Path, size: int) -> None:
    line = b"Cimaise;benchmark;Occitanie;musee;inventaire;recolement;0123456789\n"
    block = line * (1024 * 1024 // len(line) + 1)
    block = block[: 1024 * 1024]
    with path.open("wb") as handle:
        remaining = size
        while remaining > 0:
            chunk = block[: min(len(block), remaining)]
            handle.write(chunk)
            remaining -= len(chunk)


class MultipartStream:
    """A multipart/form-data body streamed from disk, with a known length (like a browser)."""

    def __init__(self, fields: dict, path: Path, filename: str):
        self.boundary = f"----cimaise{os.urandom(8).hex()}"
        head = b""
        for key, value in fields.items():
            head += (
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n"
            ).encode()
        head += (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        self.parts = [head, path, f"\r\n--{self.boundary}--\r\n".encode()]
        self.length = len(head) + path.stat().st_size + len(self.parts[2])
        self.content_type = f"multipart/form-data; boundary={self.boundary}"

    def __len__(self):
        return self.length

    def __iter__(self):
        yield self.parts[0]
        with self.parts[1].open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                yield chunk
        yield self.parts[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("1G"))
    args = parser.parse_args()
    size = args.size

    workdir = Path(tempfile.mkdtemp(prefix="cimaise-bench-upload-"))
    s3_port, app_port = free_port(), free_port()
    endpoint = f"http://127.0.0.1:{s3_port}"
    bucket = "cimaise-bench"
    env = {
        **os.environ,
        "CIMAISE_VAR_DIR": str(workdir / "var"),
        "DJANGO_SETTINGS_MODULE": "community.settings",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY": "testing",
        "S3_SECRET_KEY": "testing",
        "S3_REGION": "us-east-1",
        "MAX_UPLOAD_SIZE": str(size + 1024 * 1024),
        "ALLOWED_HOSTS": "127.0.0.1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)

    processes = []
    try:
        moto = subprocess.Popen(
            [
                PYTHON,
                "-c",
                "from moto.server import main; main()",
                "-H",
                "127.0.0.1",
                "-p",
                str(s3_port),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(moto)
        wait_port(s3_port)

        import django

        django.setup()
        import boto3
        from django.core.management import call_command
        from django.test import Client

        from documents.models import DocumentVersion, Folder
        from tests.factories import make_member

        call_command("migrate", verbosity=0)
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(Bucket=bucket)
        member = make_member()
        folder = Folder.objects.create(name="Bench")
        client = Client()
        client.force_login(member)
        session = client.cookies["sessionid"].value

        app = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "uvicorn",
                "community.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(app_port),
                "--log-level",
                "warning",
                "--lifespan",
                "off",
            ],
            env=env,
            cwd=ROOT,
        )
        processes.append(app)
        wait_port(app_port)

        data = workdir / "bench.txt"
        print(f"generating {size / 1024**2:.0f} MiB …", flush=True)
        make_file(data, size)

        import requests

        base = f"http://127.0.0.1:{app_port}"
        http = requests.Session()
        http.cookies.set("sessionid", session)
        page = http.get(f"{base}/documents/dossiers/{folder.pk}/deposer/")
        page.raise_for_status()
        csrf = http.cookies.get("csrftoken")
        headers = {"X-CSRFToken": csrf, "Referer": f"{base}/"}

        time.sleep(1)
        rss_before = memory_kb(app.pid, "VmRSS")
        reset_peak(app.pid)
        started = time.perf_counter()
        plan = http.post(
            f"{base}/documents/televersement/preparer/",
            data={"folder": folder.pk, "filename": "bench.txt", "size": size},
            headers=headers,
        ).json()
        body = MultipartStream(plan["fields"], data, "bench.txt")
        sent = requests.post(plan["url"], data=body, headers={"Content-Type": body.content_type})
        sent.raise_for_status()
        done = http.post(
            f"{base}/documents/dossiers/{folder.pk}/deposer/",
            data={"title": "Bench", "ticket": plan["ticket"], "csrfmiddlewaretoken": csrf},
            headers=headers,
            allow_redirects=False,
        )
        app_seconds = time.perf_counter() - started
        peak_kb = memory_kb(app.pid, "VmHWM")
        if done.status_code != 302:
            raise SystemExit(f"application upload failed: {done.status_code} {done.text[:500]}")
        version = DocumentVersion.objects.get()
        assert version.size == size

        started = time.perf_counter()
        s3.upload_file(str(data), bucket, "raw/bench.txt")
        raw_seconds = time.perf_counter() - started

        mib = size / 1024**2
        print(f"file size                       {mib:10.0f} MiB")
        print(
            f"application path (direct+verify) {app_seconds:9.2f} s  {mib / app_seconds:8.1f} MiB/s"
        )
        print(
            f"raw boto3 upload_file            {raw_seconds:9.2f} s  {mib / raw_seconds:8.1f} MiB/s"
        )
        print(f"throughput ratio app/raw         {raw_seconds / app_seconds:9.2f}")
        growth = max(0, peak_kb - rss_before) / 1024
        verdict = "OK" if growth < 50 else "OVER TARGET"
        print(f"server peak memory growth        {growth:9.1f} MiB  (target < 50 MiB: {verdict})")
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        for path in sorted(workdir.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        workdir.rmdir()


if __name__ == "__main__":
    main()
