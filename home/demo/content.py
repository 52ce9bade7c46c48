"""Read the demo site's data files and check them before anything is built.

The files in ``data/`` are TOML (``tomllib`` is in the standard library, so
no dependency; unlike JSON it allows comments). ``site.toml`` names the
sections; each section has a file of its own. Every file is checked against
the small schema below, and cross-references (highlight pages, service
documents) are resolved, so a mistake is reported as "file: key: what is
wrong" before the database or the media folder is touched.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from home.demo.pictures import SUBJECTS
from home.models import ArticlePage, LibraryDocument

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoDataError(Exception):
    """A data file is missing, unreadable or does not match the schema."""


class Text:
    """A non-empty string."""


@dataclass(frozen=True)
class OneOf:
    values: tuple


# Both languages side by side: ``title.id = "..."`` and ``title.en = "..."``.
BOTH = {"id": Text, "en": Text}
BOTH_LISTS = {"id": [Text], "en": [Text]}
PICTURE = {"name": OneOf(tuple(SUBJECTS)), "alt": BOTH}
PAGE = {"slug": Text, "title": BOTH, "intro": BOTH}

SITE_SCHEMA = {
    "site_name": Text,
    "sections": [Text],
    "home": {
        "slug": Text,
        "title": BOTH,
        "hero_title": BOTH,
        "hero_text": BOTH,
        "hero_link": Text,
        "hero_link_text": BOTH,
        "search_description": BOTH,
        "picture": PICTURE,
        "highlights": [{"page": Text, "title": BOTH, "text": BOTH}],
    },
    "settings": {
        "address": str,
        "phone": str,
        "email": str,
        "whatsapp": str,
        "facebook_url": str,
        "instagram_url": str,
        "x_url": str,
        "youtube_url": str,
        "opening_hours": BOTH,
        "footer_text": BOTH,
    },
}

SECTION_SCHEMA = {
    "section": {**PAGE, "body": BOTH_LISTS, "?heading": BOTH, "?picture": PICTURE},
    "?library": {
        **PAGE,
        "sample_note": [Text],
        "documents": [
            {
                "title": Text,
                "type": OneOf(tuple(LibraryDocument.DocType.values)),
                "year": int,
                "number": str,
                "file": Text,
            }
        ],
    },
    "?services": [
        {
            "slug": Text,
            "title": BOTH,
            "summary": BOTH,
            "requirements": BOTH_LISTS,
            "schedule": BOTH,
            "fees": BOTH,
            "documents": [Text],
        }
    ],
    "?news": {
        **PAGE,
        "articles": [
            {
                "kind": OneOf(tuple(ArticlePage.Kind.values)),
                "days_ago": int,
                "picture": PICTURE,
                "title": BOTH,
                "summary": BOTH,
                "body": BOTH_LISTS,
                "tags": BOTH_LISTS,
                "?quote": {"text": BOTH, "attribution": BOTH},
            }
        ],
    },
    "?feedback": {
        **PAGE,
        "thank_you_text": BOTH,
        "subject": Text,
        "fields": [
            {
                "label": BOTH,
                "type": OneOf(("singleline", "multiline", "email", "dropdown")),
                "required": bool,
                "?choices": BOTH_LISTS,
            }
        ],
    },
}


def load(data_dir: Path = DATA_DIR) -> dict:
    """The checked demo data: ``site.toml`` with its sections, in menu order."""
    site = read(data_dir / "site.toml", SITE_SCHEMA)
    site["sections"] = {
        name: read(data_dir / f"{name}.toml", SECTION_SCHEMA)
        for name in site["sections"]
    }
    check_references(site)
    return site


def read(path: Path, schema: dict) -> dict:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError as err:
        raise DemoDataError(f"{path.name}: the data file is missing") from err
    except tomllib.TOMLDecodeError as err:
        raise DemoDataError(f"{path.name}: not valid TOML: {err}") from err
    check(data, schema, file=path.name, where="")
    return data


def check(value, schema, *, file: str, where: str) -> None:
    """Raise DemoDataError if ``value`` does not have the shape of ``schema``.

    A dict schema lists the keys (a leading "?" marks one optional), a
    one-item list means "a list of these", and a type or marker is a leaf.
    """

    def fail(expected: str):
        raise DemoDataError(f"{file}: {where or 'the file'}: expected {expected}")

    if isinstance(schema, dict):
        if not isinstance(value, dict):
            fail("a table of keys")
        known = {key.lstrip("?") for key in schema}
        for key in sorted(set(value) - known):
            raise DemoDataError(f"{file}: {join(where, key)}: unknown key")
        for key, part in schema.items():
            name = key.lstrip("?")
            if name in value:
                check(value[name], part, file=file, where=join(where, name))
            elif not key.startswith("?"):
                raise DemoDataError(f"{file}: {join(where, name)}: missing")
    elif isinstance(schema, list):
        if not isinstance(value, list):
            fail("a list")
        for n, item in enumerate(value):
            check(item, schema[0], file=file, where=f"{where}[{n}]")
    elif isinstance(schema, OneOf):
        if value not in schema.values:
            fail("one of " + ", ".join(map(str, schema.values)))
    elif schema is Text:
        if not isinstance(value, str) or not value.strip():
            fail("some text")
    elif schema is int:
        if not isinstance(value, int) or isinstance(value, bool):
            fail("a whole number")
    elif not isinstance(value, schema):
        fail(f"a value of type {schema.__name__}")


def join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def check_references(site: dict) -> None:
    """Highlights must name built pages; services must name library files."""
    paths, files = set(), set()
    for section in site["sections"].values():
        slug = section["section"]["slug"]
        paths.add(slug)
        for kind in ("library", "news", "feedback"):
            if kind in section:
                paths.add(f"{slug}/{section[kind]['slug']}")
        paths.update(f"{slug}/{s['slug']}" for s in section.get("services", []))
        files.update(d["file"] for d in section.get("library", {}).get("documents", []))
    for n, highlight in enumerate(site["home"]["highlights"]):
        if highlight["page"] not in paths:
            raise DemoDataError(
                f"site.toml: home.highlights[{n}].page: no page {highlight['page']!r}"
            )
    if site["home"]["hero_link"] not in paths:
        raise DemoDataError("site.toml: home.hero_link: no such page")
    for name, section in site["sections"].items():
        for n, service in enumerate(section.get("services", [])):
            for file in service["documents"]:
                if file not in files:
                    raise DemoDataError(
                        f"{name}.toml: services[{n}].documents: "
                        f"no library document {file!r}"
                    )
