"""gunicorn's settings for a production web node (systemd: deploy/systemd/).

    gunicorn cms.wsgi -c deploy/gunicorn.conf.py

nginx stands in front (deploy/nginx/): it buffers slow clients and whole
request bodies, so sync workers are enough. Each value can be changed from the
environment file without editing this one.
"""

from __future__ import annotations

import os

# Where nginx reaches this node: loopback on one machine, the node's private
# address when nginx runs elsewhere (then list nginx's address below too).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then: a slow leak never grows without bound. Not
# too often: a new worker starts with empty local-memory caches (pages,
# fragments, renditions) when Redis is not configured.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Only nginx may say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27's control socket is shared by every gunicorn of one user: off.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
