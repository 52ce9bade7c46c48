"""A production stack for tests: nginx (the repository's own site file) in
front of gunicorn nodes running the production settings.

Every process is started here on free 127.0.0.1 ports with its own generated
configuration and prefix, and stopped by its own process id; nothing touches
a system nginx.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.live import ROOT, VENV_BIN, Child, database_url, free_port, wait_for

SERVER_NAME = "bkp.test"
# A second name that resolves without DNS, for tools that take a URL.
LOCAL_NAME = "localhost"
NGINX = shutil.which("nginx") or (
    "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
)
SKIP_NO_NGINX = (
    "nginx is not installed: run tests/setup_nginx.sh as root "
    "(or sudo apt-get install nginx-light) to run the deployment tests."
)


REDIS_SERVER = shutil.which("redis-server") or (
    "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
)
SKIP_NO_REDIS = (
    "redis-server is not installed (sudo apt-get install redis-server): several "
    "web nodes need a shared cache, so the deployment tests start their own."
)


def redis_command(port: int, command: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(command + b"\r\n")
        return sock.recv(64)


def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-days", "2", "-subj", f"/CN={SERVER_NAME}",
            "-addext", f"subjectAltName=DNS:{SERVER_NAME}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def render_site(**options: str | int | list[str]) -> str:
    """The site file, rendered by the repository's own script (its CLI)."""
    args = [sys.executable, str(ROOT / "deploy" / "render_nginx.py")]
    for name, value in options.items():
        for item in value if isinstance(value, list) else [value]:
            args += [f"--{name.replace('_', '-')}", str(item)]
    return subprocess.run(  # noqa: S603
        args, check=True, capture_output=True, text=True
    ).stdout


def main_conf(prefix: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a site, in a private prefix."""
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


@dataclass
class Stack:
    tmp: Path
    https_port: int
    http_port: int
    cert: Path
    nodes: list[tuple[int, Child]] = field(default_factory=list)
    others: list[Child] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    redis_port: int = 0

    @property
    def media_root(self) -> Path:
        return self.tmp / "media"

    @property
    def backups_root(self) -> Path:
        return self.tmp / "backups"

    def clear_cache(self) -> None:
        """Empty the nodes' shared cache (our own Redis server, nobody else's).

        Between tests the database is emptied and ids are used again; a real
        site never does that, so a cache kept across it would be stale.
        """
        assert redis_command(self.redis_port, b"FLUSHALL").startswith(b"+OK")

    def stop(self) -> None:
        for child in [*self.others, *(child for _, child in self.nodes)]:
            child.stop()

    def logs(self) -> str:
        return "\n".join(
            f"--- {c.name}\n{c.output()[-3000:]}"
            for c in [*self.others, *(child for _, child in self.nodes)]
        )


def production_env(
    tmp: Path, https_port: int, *, database: str | None = None
) -> dict[str, str]:
    """The environment file of the README, for a test: production settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "AUDIT_", "CMS_", "REDIS_", "BACKUPS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        AUDIT_CHAIN_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS=f"{SERVER_NAME},{LOCAL_NAME}",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://{SERVER_NAME}:{https_port}",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DATABASE_URL=database or database_url(),
        CMS_VAR_DIR=str(tmp / "var"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        BACKUPS_ROOT=str(tmp / "backups"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(tmp / "mail"),
        WAGTAILADMIN_BASE_URL=f"https://{SERVER_NAME}:{https_port}",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_manage(env: dict[str, str], *args: str, check: bool = True):
    """Run a management command as the operator would; its stdout, or the result."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if not check:
        return result
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def start_stack(
    tmp: Path,
    *,
    nodes: int = 2,
    workers: int = 2,
    database: str | None = None,
    prepare: Callable[[dict[str, str]], None] | None = None,
) -> Stack:
    """collectstatic, gunicorn nodes and nginx in front; the data is the test's
    unless ``database`` names another (``prepare`` then migrates and fills it)."""
    https_port, http_port = free_port(), free_port()
    env = production_env(tmp, https_port, database=database)
    for folder in ("var", "media", "static", "backups", "mail", "nginx"):
        (tmp / folder).mkdir(exist_ok=True)
    run_manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if prepare is not None:
        prepare(env)
    cert, key = make_certificate(tmp / "nginx")
    stack = Stack(tmp=tmp, https_port=https_port, http_port=http_port, cert=cert)
    stack.redis_port = free_port()
    env["REDIS_URL"] = f"redis://127.0.0.1:{stack.redis_port}/0"
    stack.env = env
    try:
        stack.others.append(
            Child(
                "redis",
                [
                    REDIS_SERVER, "--port", str(stack.redis_port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--dir", str(tmp),
                ],
                env,
                tmp / "redis.log",
            )
        )  # fmt: skip
        wait_for(
            lambda: _redis_answers(stack.redis_port),
            timeout=10,
            message=lambda: "redis-server did not start:\n" + stack.logs(),
        )
        for index in range(nodes):
            port = free_port()
            node = Child(
                f"node{index}",
                [
                    str(VENV_BIN / "gunicorn"), "cms.wsgi",
                    "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                    "--bind", f"127.0.0.1:{port}",
                    "--workers", str(workers),
                ],
                env,
                tmp / f"node{index}.log",
            )  # fmt: skip
            stack.nodes.append((port, node))
        site = tmp / "nginx" / "site.conf"
        site.write_text(
            render_site(
                server_name=[SERVER_NAME, LOCAL_NAME],
                upstream=[f"127.0.0.1:{port}" for port, _ in stack.nodes],
                cert=cert,
                key=key,
                static_root=tmp / "static",
                media_root=tmp / "media",
                http_port=http_port,
                https_port=https_port,
                listen_address="127.0.0.1",
            )
        )
        conf = tmp / "nginx" / "nginx.conf"
        conf.write_text(main_conf(tmp / "nginx", site))
        stack.others.append(
            Child(
                "nginx",
                [NGINX, "-c", str(conf), "-p", str(tmp / "nginx")],
                env,
                tmp / "nginx.log",
            )
        )
        for port, _ in stack.nodes:
            wait_for(
                lambda port=port: node_answers(port),
                timeout=40,
                message=lambda: "a web node did not start:\n" + stack.logs(),
            )
        wait_for(
            lambda: _tls_answers(stack),
            timeout=15,
            message=lambda: "nginx did not start:\n" + stack.logs() + nginx_errors(tmp),
        )
    except BaseException:
        stack.stop()
        raise
    return stack


def nginx_errors(tmp: Path) -> str:
    log = tmp / "nginx" / "error.log"
    return log.read_text(errors="replace")[-3000:] if log.exists() else ""


def _redis_answers(port: int) -> bool:
    try:
        return redis_command(port, b"PING").startswith(b"+PONG")
    except OSError:
        return False


def node_answers(port: int) -> bool:
    try:
        status, _, _ = node_request(port, "GET", "/robots.txt")
    except OSError:
        return False
    return status == 200


def _tls_answers(stack: Stack) -> bool:
    try:
        return request(stack, "GET", "/robots.txt")[0] == 200
    except OSError:
        return False


class _SNIConnection(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 that asks for our name (SNI), as a browser would."""

    def __init__(self, port: int, server_name: str, context: ssl.SSLContext):
        super().__init__("127.0.0.1", port, context=context, timeout=30)
        self._server_name = server_name

    def connect(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        self.sock = self._context.wrap_socket(sock, server_hostname=self._server_name)


def tls_context(stack: Stack) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(stack.cert))
    context.check_hostname = True
    return context


def request(
    stack: Stack,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    host: str = SERVER_NAME,
) -> tuple[int, dict[str, str], bytes]:
    """One request through nginx over HTTPS."""
    conn = _SNIConnection(stack.https_port, SERVER_NAME, tls_context(stack))
    try:
        conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = conn.getresponse()
        return (
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            (response.read()),
        )
    finally:
        conn.close()


def node_request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:
    """One request straight to a gunicorn node, with the headers nginx sets."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(
            method,
            path,
            body=body,
            headers={
                "Host": SERVER_NAME,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "127.0.0.1",
                **(headers or {}),
            },
        )
        response = conn.getresponse()
        return (
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            (response.read()),
        )
    finally:
        conn.close()


def raw_tls(stack: Stack, data: bytes, *, server_name: str = SERVER_NAME) -> bytes:
    """Send bytes as they are over TLS and read the whole answer."""
    context = tls_context(stack)
    context.check_hostname = False
    with socket.create_connection(("127.0.0.1", stack.https_port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=server_name) as sock:
            sock.sendall(data)
            chunks = []
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    chunk = sock.recv(65536)
                except (ssl.SSLError, OSError):
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks)
