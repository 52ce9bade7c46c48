"""Rendered parts of public pages, kept until the content they show changes.

``{% fragment "name" value ... %}...{% endfragment %}`` (``home_tags``) renders
its content once and serves it from the ``fragments`` cache afterwards, for:

- the chrome around every page (the head's alternates, header, breadcrumbs and
  footer), which costs more to render than most pages' own content;
- the home page's lists and a listing's cards, whose queries then run only when
  the fragment is rendered (the views hand them over unevaluated).

The key names the fragment, the values given, the site (scheme and host), the
language, and both tokens that change with public content: the content version
(``home.chrome``, written in the saving transaction: a change is seen at once,
even by the same request) and the page cache's generation
(``cms.pagecache.generation``, redrawn after any committed change to a model a
visitor can see: documents, snippets, images, menus...). So a fragment is never
older than the content it shows, on every worker.

Never kept: previews (a draft's content), requests without a ``request`` in
the template context, and fragments given an empty value (a page-less view,
such as the search results, has no ``page.pk``): those render every time.
"""

from __future__ import annotations

import hashlib

from django.core.cache import caches
from django.http import HttpRequest
from django.utils.translation import get_language

from home import chrome

ALIAS = "fragments"


def key_for(request: HttpRequest | None, name: str, values: list) -> str | None:
    """The fragment's cache key, or None when it must be rendered every time."""
    if request is None or getattr(request, "is_preview", False):
        return None
    if any(value is None or value == "" for value in values):
        return None
    version, token = chrome.tokens_for(request)
    if not version:
        return None
    parts = [
        request.scheme,
        request.get_host(),
        get_language() or "",
        *map(str, values),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f"fragment:{name}:{version}:{token}:{digest}"


def cache():
    return caches[ALIAS]
