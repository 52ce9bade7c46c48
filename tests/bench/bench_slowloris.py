"""Home-page latency under 200 slowloris connections: gunicorn alone, and
behind nginx with the repository's site file (deploy/nginx/).

    .venv/bin/python -m tests.bench.bench_slowloris

Needs nginx and redis-server (tests/setup_nginx.sh). Builds a scratch SQLite
site with the demo content under /tmp, starts one gunicorn node (2 sync
workers, production settings) and nginx in front, and prints the p95 of 20
home-page requests before and during the attack on each. About three minutes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
import django  # noqa: E402

django.setup()

from tests.deploy.stack import (  # noqa: E402
    NGINX,
    REDIS_SERVER,
    SERVER_NAME,
    node_request,
    request,
    run_manage,
    start_stack,
)
from tests.live import ROOT  # noqa: E402

TIMEOUT = 5.0


def p95(fetch) -> tuple[float, int]:
    times, failures = [], 0
    for _ in range(20):
        started = time.monotonic()
        try:
            status = fetch()[0]
        except OSError:
            status = None
        elapsed = time.monotonic() - started
        if status != 200:
            failures += 1
        times.append(min(elapsed, TIMEOUT))
    return statistics.quantiles(times, n=20)[-1], failures


def attack(port: int, cafile: str) -> subprocess.Popen:
    proc = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "tests.deploy.slowloris",
            str(port),
            SERVER_NAME,
            cafile,
            "200",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    proc.stdout.readline()
    time.sleep(1)
    return proc


def main() -> None:
    if NGINX is None or REDIS_SERVER is None:
        sys.exit("nginx and redis-server are needed: run tests/setup_nginx.sh as root.")
    with tempfile.TemporaryDirectory(prefix="bkp-bench-") as tmp:
        database = f"sqlite:///{tmp}/db.sqlite3"

        def prepare(env: dict[str, str]) -> None:
            run_manage(env, "migrate", "--noinput", "--verbosity", "0")
            run_manage(env, "seed_demo")

        stack = start_stack(
            Path(tmp), nodes=1, workers=2, database=database, prepare=prepare
        )
        try:
            node_port = stack.nodes[0][0]
            direct = lambda: node_request(node_port, "GET", "/", timeout=TIMEOUT)  # noqa: E731
            proxied = lambda: request(stack, "GET", "/")  # noqa: E731
            rows = []
            for name, fetch, port, cafile in (
                ("gunicorn alone", direct, node_port, "plain"),
                ("behind nginx", proxied, stack.https_port, str(stack.cert)),
            ):
                p95(fetch)  # warm up
                before = p95(fetch)
                slow = attack(port, cafile)
                try:
                    during = p95(fetch)
                finally:
                    slow.kill()
                    slow.wait()
                time.sleep(2)
                rows.append((name, before, during))
        finally:
            stack.stop()
    print("home page p95 over 20 requests, ms (a request gives up after 5 s):")  # noqa: T201
    for name, (before, failed_before), (during, failed_during) in rows:
        print(  # noqa: T201
            f"  {name:15} alone {before * 1000:7.0f}   with 200 slowloris "
            f"{during * 1000:7.0f}   failed before/during {failed_before}/{failed_during}"
        )


if __name__ == "__main__":
    main()
