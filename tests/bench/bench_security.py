"""Benchmark: what watching visitor activity costs a public page.

    .venv/bin/python -m tests.bench.bench_security [--seconds 6] [--rounds 3]
        [--threads 1]     (more than 1: gunicorn's gthread workers)
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python -m tests.bench.bench_security

Builds a scratch SQLite database under var/ with a published home page and one
editor (real PBKDF2 password hash), then starts two gunicorn servers on
127.0.0.1 (``--no-control-socket``, 2 workers each): one with monitoring and
traffic counting on, one with both off. Visitors are simulated behind one
trusted proxy (``X-Forwarded-For`` from a pool of 200 addresses), with 4
keep-alive connections. It prints:

1. requests per second on the home page, monitoring on vs off, measured in
   alternating rounds in the same run, and the cost in per cent;
2. the home page's p50/p95 latency (monitoring on) without and with a
   concurrent password-guessing attack (2 processes posting wrong passwords
   for rotating usernames from one client), measured once the per-client cap
   has locked the attacker (a rotating username answered 429), with the
   attack's own figures;
3. the monitoring middleware's own work per request (home page and static
   file), measured in this process in alternating rounds, beside the time of
   a whole home page request: the steadiest figure on a busy machine.

With ``REDIS_URL`` the servers share that Redis as their cache (a key prefix
of their own per run); otherwise each worker has its local-memory cache.

Bounded: about ``rounds * 2 * seconds + 2 * seconds + 30`` seconds.
Not part of the pytest suite.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
PASSWORD = "correct-horse-battery-staple"
CONNECTIONS = 4


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def prepare(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.security_settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_CACHE_KEY_PREFIX"] = f"bench-security-{os.getpid()}-here"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from home.builders import make_home

    make_home("Beranda", hero_title="Halo")
    get_user_model().objects.create_user("editor", password=PASSWORD)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_path: Path, *, monitoring: bool, log: Path, threads: int = 1):
    port = free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.bench.security_settings",
        DATABASE_URL=f"sqlite:///{db_path}",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        SECURITY_MONITORING="1" if monitoring else "0",
        SECURITY_TRAFFIC="1" if monitoring else "0",
        SECURITY_BLOCK_AFTER="0",
        PYTHONUNBUFFERED="1",
        DJANGO_CACHE_KEY_PREFIX=f"bench-security-{os.getpid()}",
    )
    proc = subprocess.Popen(  # noqa: S603
        [
            str(VENV_BIN / "gunicorn"),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            str(threads),
            "--no-control-socket",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            pass
        time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"The server did not start; see {log}.")


def load(port: int, seconds: float) -> list[float]:
    """GET / on CONNECTIONS keep-alive connections; each request's latency."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def visitor(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        n = 0
        while time.monotonic() < stop:
            n += 1
            address = f"198.51.{(number * 50 + n) % 200 // 250 + 100}.{(number * 50 + n) % 200 + 1}"
            started = time.perf_counter()
            conn.request(
                "GET",
                "/",
                headers={"Host": "127.0.0.1", "X-Forwarded-For": address},
            )
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                raise SystemExit(f"GET / answered {response.status}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def attacker(port: int, stop_flag, locked, number: int, results) -> None:
    """Post wrong passwords for rotating usernames from one client until told
    to stop; sets ``locked`` at the first 429."""
    statuses: dict[int, int] = {}
    headers = {"Host": "127.0.0.1", "X-Forwarded-For": "203.0.113.66"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/admin/login/", headers=headers)
    page = conn.getresponse()
    body = page.read().decode()
    cookie = page.getheader("Set-Cookie", "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    n = 0
    while not stop_flag.is_set():
        n += 1
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": f"guess{number}-{n}" if n % 3 else "editor",
                "password": f"wrong-{n}",
            }
        )
        conn.request(
            "POST",
            "/admin/login/",
            body=form,
            headers={
                **headers,
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf_cookie}",
                "Referer": "http://127.0.0.1/admin/login/",
            },
        )
        response = conn.getresponse()
        response.read()
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status == 429 and n % 3:
            locked.set()  # a rotating username refused: the client cap holds
    results.put(statuses)


def bystander(port: int, stop_flag, results) -> None:
    """The control: the same number of connections fetching /robots.txt."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    count = 0
    while not stop_flag.is_set():
        conn.request("GET", "/robots.txt", headers={"Host": "127.0.0.1"})
        conn.getresponse().read()
        count += 1
    results.put(count)


def middleware_cost(rounds: int, requests: int = 3000) -> dict[str, object]:
    """The monitoring middleware's own work per request, in this process.

    A real home page response is rendered once; the middleware then wraps a
    view that returns it, so only the middleware's work is timed (the busy
    machine's noise on a whole request is larger than that work). Alternating
    rounds, monitoring off and on; the fastest of each is the steadiest."""
    from django.test import Client, RequestFactory, override_settings

    from audit.security.middleware import VisitorActivityMiddleware

    client = Client()
    page = client.get("/")
    middleware = VisitorActivityMiddleware(lambda request: page)
    factory = RequestFactory()
    requests_ = [
        factory.get("/", REMOTE_ADDR=f"198.51.100.{n % 200 + 1}")
        for n in range(requests)
    ]
    static = [
        factory.get("/static/css/site.css", REMOTE_ADDR=f"198.51.100.{n % 200 + 1}")
        for n in range(requests)
    ]
    times: dict[str, list[float]] = {"off": [], "on": [], "static": []}
    for _ in range(rounds):
        for name, monitoring, batch in (
            ("off", False, requests_),
            ("on", True, requests_),
            ("static", True, static),
        ):
            with override_settings(
                SECURITY_MONITORING=monitoring, SECURITY_TRAFFIC=monitoring
            ):
                started = time.perf_counter()
                for request in batch:
                    middleware(request)
                elapsed = time.perf_counter() - started
            times[name].append(elapsed / len(batch) * 1e6)
    whole = []
    for _ in range(30):
        started = time.perf_counter()
        client.get("/", REMOTE_ADDR="198.51.100.1")
        whole.append((time.perf_counter() - started) * 1000)
    return {**times, "page_ms": statistics.median(whole)}


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    cache = "Redis" if os.environ.get("REDIS_URL") else "local-memory cache"

    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    workdir = var / f"bench-security-{os.getpid()}"
    workdir.mkdir()
    db_path = workdir / "db.sqlite3"
    prepare(db_path)
    on, on_port = start_server(
        db_path, monitoring=True, log=workdir / "on.log", threads=args.threads
    )
    off, off_port = start_server(
        db_path, monitoring=False, log=workdir / "off.log", threads=args.threads
    )
    try:
        for port in (on_port, off_port):  # warm both up
            load(port, 1)
        rps = {True: [], False: []}
        for _ in range(args.rounds):
            for monitoring, port in ((False, off_port), (True, on_port)):
                latencies = load(port, args.seconds)
                rps[monitoring].append(len(latencies) / args.seconds)
        on_rps, off_rps = statistics.median(rps[True]), statistics.median(rps[False])
        say(
            f"Home page, {CONNECTIONS} connections, 2 gunicorn workers x "
            f"{args.threads} thread(s), {cache}, {args.rounds} alternating rounds "
            f"of {args.seconds:g} s (median):"
        )
        say(
            f"  monitoring off: {off_rps:7.1f} req/s   rounds {[round(r) for r in rps[False]]}"
        )
        say(
            f"  monitoring on:  {on_rps:7.1f} req/s   rounds {[round(r) for r in rps[True]]}"
        )
        say(
            f"  cost of monitoring: {(1 - on_rps / off_rps) * 100:+.1f} % of throughput"
        )

        calm = load(on_port, args.seconds)
        control_results: multiprocessing.Queue = multiprocessing.Queue()
        control_stop = multiprocessing.Event()
        bystanders = [
            multiprocessing.Process(
                target=bystander, args=(on_port, control_stop, control_results)
            )
            for _ in range(2)
        ]
        for process in bystanders:
            process.start()
        time.sleep(0.5)
        control = load(on_port, args.seconds)
        control_stop.set()
        control_count = sum(control_results.get() for _ in bystanders)
        for process in bystanders:
            process.join(timeout=60)
        results: multiprocessing.Queue = multiprocessing.Queue()
        stop_flag = multiprocessing.Event()
        locked = [multiprocessing.Event() for _ in range(2)]
        attackers = [
            multiprocessing.Process(
                target=attacker, args=(on_port, stop_flag, locked[n], n, results)
            )
            for n in range(2)
        ]
        started = time.monotonic()
        for process in attackers:
            process.start()
        # Until the client cap locks the attacker each guess costs a hash;
        # measure once both attacking processes have been refused by it (no
        # hash of theirs still running), while they keep guessing.
        for event in locked:
            event.wait(timeout=120)
        lock_in = time.monotonic() - started
        attacked = load(on_port, args.seconds)
        stop_flag.set()
        statuses: dict[int, int] = {}
        for process in attackers:
            process.join(timeout=60)
            for status, count in results.get().items():
                statuses[status] = statuses.get(status, 0) + count
        say("Home page latency with monitoring on (ms):")
        say(f"  no attack:     p50 {p(calm, 0.5):6.1f}   p95 {p(calm, 0.95):6.1f}")
        say(
            f"  2 connections on /robots.txt (control, {control_count} requests): "
            f"p50 {p(control, 0.5):6.1f}   p95 {p(control, 0.95):6.1f}"
        )
        say(
            f"  under attack:  p50 {p(attacked, 0.5):6.1f}   p95 {p(attacked, 0.95):6.1f}"
            f"   ({(p(attacked, 0.95) / p(calm, 0.95) - 1) * 100:+.1f} % p95)"
        )
        say(
            f"  attack: {sum(statuses.values())} login posts, answers "
            f"{dict(sorted(statuses.items()))}; client cap locked after {lock_in:.1f} s"
        )
        cost = middleware_cost(args.rounds)
        off_us, on_us = min(cost["off"]), min(cost["on"])
        added_ms = (on_us - off_us) / 1000
        say(
            f"Monitoring middleware's own work per request, in this process "
            f"({cache}; fastest of {args.rounds} alternating rounds of 3000):"
        )
        say(f"  monitoring off: {off_us:7.1f} us")
        say(
            f"  monitoring on:  {on_us:7.1f} us   (home page view counted; rounds "
            f"{[round(t) for t in cost['on']]})"
        )
        say(f"  static file, monitoring on: {min(cost['static']):7.1f} us")
        say(
            f"  a whole home page request here: {cost['page_ms']:.1f} ms (median of "
            f"30): monitoring adds {added_ms / cost['page_ms'] * 100:.2f} % of it"
        )
    finally:
        for proc in (on, off):
            proc.terminate()
        for proc in (on, off):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
