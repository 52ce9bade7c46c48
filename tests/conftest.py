from __future__ import annotations

from django.conf import settings


def pytest_configure(config):
    # The SQLite test database is a file under var/ (shared with child
    # processes); make sure its folder exists on a fresh clone.
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
