"""Typed readers for environment variables.

Every value that differs per deployment comes from the environment through these
helpers; a malformed value stops start-up with ImproperlyConfigured naming the
variable, rather than running with a silent default. Every ``NAME`` read here
may instead be given as ``NAME_FILE`` pointing at a file that holds the value
(Docker/Kubernetes secrets); setting both is an error.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envraw(name: str) -> str | None:
    """The raw value of ``NAME``, or of the file named by ``NAME_FILE``; None if unset."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        if name in os.environ:
            raise ImproperlyConfigured(f"Set either {name} or {name}_FILE, not both.")
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as err:
            raise ImproperlyConfigured(
                f"{name}_FILE points at {file_path!r}, which cannot be read."
            ) from err
    return os.environ.get(name)


def envstr(name: str, default: str | None = None) -> str | None:
    value = envraw(name)
    return default if value is None else value


def envbool(name: str, default: bool) -> bool:
    value = envraw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def envint(name: str, default: int) -> int:
    value = envraw(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as err:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}."
        ) from err


def envlist(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = envraw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def envpath(name: str, default: Path) -> Path:
    """An absolute path (``~`` expanded); the default when unset or empty."""
    value = envraw(name)
    return Path(value).expanduser().resolve() if value else default
