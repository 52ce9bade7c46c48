"""Finds the page for a URL in two queries, whatever its depth.

Wagtail's ``Page.route`` walks the path one segment at a time, two queries per
segment (the child, then its specific row): five or more for an article. Every
page's ``url_path`` already spells its slugs, so one query fetches the page and
all its ancestors below the home page, and one more its specific row. The
result is what Wagtail's routing would give: a routable page (RoutablePageMixin)
on the way still answers its own sub-paths first, and a page must be live.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

_ANCESTORS_ATTR = "_home_route_ancestors"


def route(
    home: Page,
    request: HttpRequest,
    path: str,
    *,
    private_paths: list[str] | None = None,
) -> RouteResult | None:
    """The route of ``path`` under ``home``, or None for a 404.

    ``private_paths``: the paths of every page with a view restriction, if
    known; the page found then skips its own query for them (see
    ``KnownRestrictionsMixin``).
    """
    components = [component for component in path.split("/") if component]
    chain = [home, *_chain(home, components)]
    # A routable page answers its own sub-paths before its children do.
    for index, page in enumerate(chain[:-1]):
        if _routes_itself(page, components[index:]):
            chain = chain[: index + 1]
            break
    page = chain[-1]
    remaining = components[len(chain) - 1 :]
    if len(chain) > 1:
        page._cached_parent_obj = chain[-2]
    setattr(request, _ANCESTORS_ATTR, chain[:-1])
    try:
        result = page.specific.route(request, remaining)
    except Http404:
        return None
    # An alias takes its source's restrictions: leave those to Wagtail.
    found = result[0]
    if private_paths is not None and not any(p.alias_of_id for p in chain):
        if found.alias_of_id is None and found.path.startswith(page.path):
            found._home_private_paths = private_paths
    return result


def _routes_itself(page: Page, components: list[str]) -> bool:
    """Whether routable ``page`` serves the sub-path ``components`` itself."""
    if not issubclass(page.specific_class or Page, RoutablePageMixin):
        return False
    path = "/" + "".join(f"{component}/" for component in components)
    try:
        page.specific_class.get_resolver().resolve(path)
    except Resolver404:
        return False
    return True


class KnownRestrictionsMixin:
    """Pages whose routing knew every view restriction skip the query for them.

    Wagtail's ``check_view_restrictions`` hook asks each served page for its
    restrictions (two queries); when none of the restricted paths is above or
    at this page, the answer is none.
    """

    def get_view_restrictions(self):
        private_paths = getattr(self, "_home_private_paths", None)
        if private_paths is not None and not any(
            self.path.startswith(path) for path in private_paths
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _chain(home: Page, components: list[str]) -> list[Page]:
    """The pages named by the leading components, as far as they exist."""
    if not components:
        return []
    url_paths = [
        home.url_path + "/".join(components[: index + 1]) + "/"
        for index in range(len(components))
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(
            url_path__in=url_paths, path__startswith=home.path, depth__gt=home.depth
        )
    }
    chain = []
    for index, url_path in enumerate(url_paths):
        page = found.get(url_path)
        if page is None or page.depth != home.depth + index + 1:
            break
        chain.append(page)
    return chain


def ancestors(request: HttpRequest | None, page: Page) -> list[Page] | None:
    """The ancestors (home first) that routing found for ``page``, if it did."""
    chain = getattr(request, _ANCESTORS_ATTR, None) if request is not None else None
    if chain is None or not chain or not page.path.startswith(chain[-1].path):
        return None
    if chain[-1].depth != page.depth - 1:
        return None
    return chain
