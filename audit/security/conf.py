"""The settings of visitor activity, with their defaults in one place.

Read them through ``conf.X`` (never ``settings.SECURITY_X`` directly) so every
module sees the same default.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed

DEFAULTS = {
    # Logins: failures from one client across every username before it is
    # locked out (the per-username limit is AXES_FAILURE_LIMIT).
    "CLIENT_FAILURE_LIMIT": 20,
    # Axes attempt rows older than this many days are pruned.
    "ATTEMPTS_KEEP_DAYS": 30,
    # Suspicious requests are counted per client, kind and window of this length.
    "WINDOW_MINUTES": 10,
    # 404/403 answers to one client within a window before it is a burst.
    "ERROR_BURST": 30,
    # Requests from one client within a minute before it is a rate spike.
    "RATE_PER_MINUTE": 600,
    # Each process adds a client's requests to the shared rate counter this
    # many at a time (1: every request; the rate is seen within a batch).
    "RATE_BATCH": 10,
    # Suspicious events from one client within a window before it is blocked
    # for BLOCK_MINUTES (0: never block).
    "BLOCK_AFTER": 200,
    "BLOCK_MINUTES": 60,
    # Each process refreshes its list of blocked clients from the cache this
    # often (0: ask the cache on every request).
    "BLOCK_REFRESH_SECONDS": 2,
    # Who is mailed about high-severity signals; empty: every active user who
    # may view visitor activity and has an email address.
    "ALERT_EMAILS": [],
    # Monitoring and traffic counting can be switched off (the benchmark does).
    "MONITORING": True,
    "TRAFFIC": True,
    # Each web process keeps its traffic counts this many seconds before adding
    # them to the cache (0: at once, as the tests do).
    "TRAFFIC_PUSH_SECONDS": 5,
    # With the local-memory cache, each web process stores its own counts this
    # often and at exit (no other process can see them; 0: never).
    "LOCAL_FLUSH_SECONDS": 300,
    # Signal and traffic rows older than this many days are pruned.
    "KEEP_DAYS": 400,
}


class Conf:
    """Each value read once, then kept (read about ten times a request):
    forgotten whenever a ``SECURITY_*`` setting changes (override_settings)."""

    def __init__(self):
        self._values: dict[str, object] = {}

    def __getattr__(self, name: str):
        if name not in DEFAULTS:
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            value = getattr(settings, f"SECURITY_{name}", DEFAULTS[name])
            self._values[name] = value
            return value

    def forget(self) -> None:
        self._values.clear()


conf = Conf()


def _setting_changed(*, setting: str, **kwargs) -> None:
    if setting.startswith("SECURITY_"):
        conf.forget()


setting_changed.connect(_setting_changed, dispatch_uid="security_conf_forget")
