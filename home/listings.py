"""Listings of mixed page types without a query per page type or per page.

``.specific()`` costs one query per page type in the list, ``.specific`` one
per page. A listing only needs each page's short text, which lives in a
``summary`` or ``intro`` column of the page type's own table: both are read
through the reverse one-to-one joins from ``Page``, in the listing's own query.
"""

from __future__ import annotations

from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page, get_page_models

#: The short texts a listing shows, as annotations on base ``Page`` rows.
TEXT_FIELDS = ("summary", "intro")


@cache
def text_columns(name: str) -> tuple[str, ...]:
    """``<model>__<name>`` for every page type (direct child of Page) with that field."""
    columns = []
    for model in get_page_models():
        if Page not in model._meta.parents:
            continue
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        columns.append(f"{model._meta.model_name}__{name}")
    return tuple(columns)


def _text(name: str):
    columns = text_columns(name)
    if not columns:
        return Value("", output_field=CharField())
    return Coalesce(*columns, Value(""), output_field=CharField())


def with_texts(queryset: QuerySet) -> QuerySet:
    """Base pages annotated with ``summary`` and ``intro`` (empty when none)."""
    return queryset.annotate(**{name: _text(name) for name in TEXT_FIELDS})


def add_texts(pages: list[Page]) -> list[Page]:
    """The same for pages already fetched (search results): one query."""
    if not pages:
        return pages
    rows = with_texts(Page.objects.filter(pk__in=[page.pk for page in pages]))
    texts = {row["pk"]: row for row in rows.values("pk", *TEXT_FIELDS)}
    for page in pages:
        for name in TEXT_FIELDS:
            setattr(page, name, texts.get(page.pk, {}).get(name) or "")
    return pages
