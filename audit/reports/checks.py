"""System checks for the reports' settings (codes reports.E001...)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register

from audit.reports import conf


def _inside(path: Path, folder) -> bool:
    if not folder:
        return False
    try:
        path.resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


@register()
def check_reports_settings(app_configs, **kwargs):
    messages = []
    root = Path(conf.get("REPORTS_ROOT"))
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        if _inside(root, getattr(settings, name, None)):
            messages.append(
                Error(
                    f"REPORTS_ROOT is inside {name}: stored reports would be "
                    "served to anyone.",
                    hint="Keep reports outside the public folders (default "
                    "var/reports/); the admin serves them to authorised users.",
                    id="reports.E001",
                )
            )
    if conf.get("REPORTS_LANGUAGE") not in dict(settings.LANGUAGES):
        messages.append(
            Error(
                "REPORTS_LANGUAGE is not one of LANGUAGES.",
                hint="Use 'id' or 'en'.",
                id="reports.E002",
            )
        )
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as err:
        messages.append(
            Warning(
                f"WeasyPrint cannot be loaded ({err}): SOP reports cannot be built.",
                hint="pip install -r requirements.txt; WeasyPrint needs the "
                "system's Pango (apt install libpango-1.0-0 libpangoft2-1.0-0).",
                id="reports.W001",
            )
        )
    return messages
