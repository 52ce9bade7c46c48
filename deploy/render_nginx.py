#!/usr/bin/env python3
"""Render deploy/nginx/bkp.conf.in into an nginx site file.

    python3 deploy/render_nginx.py --server-name bkp.example.go.id \\
        --cert /etc/ssl/bkp/fullchain.pem --key /etc/ssl/bkp/privkey.pem \\
        > /etc/nginx/sites-available/bkp.conf

Standard library only (it runs outside the virtual environment). Every
placeholder must be filled: an unknown or missing one stops with a sentence.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "bkp.conf.in"
# WAGTAILDOCS_MAX_UPLOAD_SIZE is 20 MB; the form around the file needs a little more.
DEFAULT_MAX_BODY = "21m"


def render(
    *,
    server_names: list[str],
    upstreams: list[str],
    cert: str,
    key: str,
    static_root: str,
    media_root: str,
    http_port: int = 80,
    https_port: int = 443,
    listen_address: str = "",
    max_body_size: str = DEFAULT_MAX_BODY,
    template: Path = TEMPLATE,
) -> str:
    """The site file for these values."""
    for path in (static_root, media_root, cert, key):
        if not path.startswith("/"):
            raise ValueError(f"{path!r} is not an absolute path.")
    values = {
        "SERVER_NAMES": " ".join(server_names),
        "UPSTREAM_SERVERS": "\n".join(
            f"    server {address} max_fails=3 fail_timeout=10s;"
            for address in upstreams
        ),
        "TLS_CERTIFICATE": cert,
        "TLS_CERTIFICATE_KEY": key,
        "STATIC_ROOT": static_root.rstrip("/"),
        "MEDIA_ROOT": media_root.rstrip("/"),
        "HTTP_PORT": str(http_port),
        "HTTPS_PORT": str(https_port),
        "HTTPS_PORT_SUFFIX": "" if https_port == 443 else f":{https_port}",
        "LISTEN_ADDRESS": f"{listen_address}:" if listen_address else "",
        "MAX_BODY_SIZE": max_body_size,
    }

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"The template names an unknown placeholder @{name}@.")
        return values[name]

    return re.sub(r"@([A-Z_]+)@", fill, template.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server-name",
        action="append",
        required=True,
        help="a host name the site answers to (repeat for several)",
    )
    parser.add_argument(
        "--upstream",
        action="append",
        help="a gunicorn node, host:port (repeat; default 127.0.0.1:8000)",
    )
    parser.add_argument("--cert", required=True, help="TLS certificate (full chain)")
    parser.add_argument("--key", required=True, help="TLS private key")
    parser.add_argument("--static-root", default="/srv/bkp/var/staticfiles")
    parser.add_argument("--media-root", default="/srv/bkp/var/media")
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument("--https-port", type=int, default=443)
    parser.add_argument(
        "--listen-address", default="", help="e.g. 127.0.0.1 (default: all)"
    )
    parser.add_argument("--max-body-size", default=DEFAULT_MAX_BODY)
    args = parser.parse_args(argv)
    try:
        text = render(
            server_names=args.server_name,
            upstreams=args.upstream or ["127.0.0.1:8000"],
            cert=args.cert,
            key=args.key,
            static_root=args.static_root,
            media_root=args.media_root,
            http_port=args.http_port,
            https_port=args.https_port,
            listen_address=args.listen_address,
            max_body_size=args.max_body_size,
        )
    except (KeyError, ValueError) as err:
        sys.stderr.write(f"{err.args[0]}\n")
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
