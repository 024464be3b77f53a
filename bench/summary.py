"""Run every benchmark of bench/ with small sizes and print one table of their figures.

    .venv/bin/python bench/summary.py            (`make bench` runs it with PostgreSQL/Redis up)
    .venv/bin/python bench/summary.py --full     (the scripts' own default sizes)

Each script runs in its own process; its figures (ratios, percentiles, throughputs, memory,
queries, overbookings) are picked from its output. A missing or failing script is a row of the
table, not a crash, and makes the exit status non-zero.
"""

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# (script, what it measures, small arguments, needs PostgreSQL)
BENCHMARKS = [
    (
        "forum_pages.py",
        "queries per page at 10x data; topic page req/s vs bare view",
        ["--small"],
        False,
    ),
    (
        "member_pages.py",
        "queries at 10x data; home and documents folder req/s vs bare view",
        ["--small"],
        False,
    ),
    ("search.py", "search page queries at 10x data; req/s vs bare view", ["--small"], True),
    (
        "notify_fanout.py",
        "notification fan-out p99 vs bare group_send",
        ["--clients", "50", "--rounds", "5"],
        False,
    ),
    ("upload.py", "upload throughput vs raw boto3; memory growth", ["--size", "32M"], False),
    (
        "registration_contention.py",
        "registration p95 under contention; overbookings",
        ["--rounds", "1"],
        True,
    ),
]
FIGURE = re.compile(
    r"ratio|p9[59]|p50|req/s|queries|throughput|memory|overbook|errors|x\d", re.IGNORECASE
)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024**2:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs{memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def figures(output: str) -> list[tuple[str, str]]:
    """Lines that carry a figure, split into (label, value)."""
    rows = []
    for line in output.splitlines():
        line = line.strip()
        if not line or not FIGURE.search(line) or not re.search(r"\d", line):
            continue
        parts = re.split(r"\s*[=:]\s+|\s{2,}", line, maxsplit=1)
        label, value = (parts + [""])[:2] if len(parts) > 1 else (line, "")
        rows.append((label.strip(), value.strip()))
    return rows


def run(script: str, args: list[str], *, timeout: int) -> tuple[str, list[tuple[str, str]]]:
    path = BENCH / script
    if not path.exists():
        return "missing", []
    started = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, str(path), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"timeout after {timeout}s", []
    seconds = time.monotonic() - started
    if result.returncode != 0 and "unrecognized arguments" in result.stderr and args:
        return run(script, [], timeout=timeout)  # a script without the small-size flag
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        return f"failed (exit {result.returncode}): {tail[0][:80]}", []
    return f"ok in {seconds:.0f}s", figures(result.stdout)


def table(rows: list[tuple[str, str, str]]) -> str:
    headers = ("benchmark", "figure", "value")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    return "\n".join([line, rule, *body])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the scripts' default sizes")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per benchmark")
    options = parser.parse_args(argv)
    has_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    rows, failed = [], False
    for script, what, small, needs_postgres in BENCHMARKS:
        name = script.removesuffix(".py")
        if needs_postgres and not has_postgres:
            rows.append((name, what, "not run: DATABASE_URL must point to PostgreSQL"))
            failed = True
            continue
        print(f"running {script}…", file=sys.stderr, flush=True)
        status, found = run(script, [] if options.full else small, timeout=options.timeout)
        rows.append((name, what, status))
        failed |= not status.startswith("ok")
        rows.extend(("", label, value) for label, value in found)
    print(f"Cimaise benchmarks ({'full' if options.full else 'small'} sizes) on {machine()}")
    print(table(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
