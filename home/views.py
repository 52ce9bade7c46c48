"""Views of the public site that are not pages: search, robots.txt, errors."""

from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Page

from home import chrome, listings, routing

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def serve(request, path):
    """Wagtail's page view, routed in two queries (home.routing).

    The route is handed to Wagtail through the attribute its own
    ``Page.route_for_request`` caches it in, so its hooks, view restrictions
    and ``serve()`` run unchanged.
    """
    site_chrome = chrome.for_request(request)
    home = site_chrome.home()
    if home is None:
        raise Http404
    request._wagtail_route_for_request = routing.route(
        home, request, path, private_paths=site_chrome.private_paths
    )
    return wagtail_views.serve(request, path)


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = None
    if query:
        site_chrome = chrome.for_request(request)
        pages = (
            Page.objects.live()
            .filter(site_chrome.public_q(), locale=site_chrome.locale())
            .search(query)
        )
        results = Paginator(pages, SEARCH_RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        results.object_list = listings.add_texts(list(results.object_list))
    return render(
        request, "home/search_results.html", {"query": query, "results": results}
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=604800, public=True)
def favicon(request):
    """/favicon.ico: browsers and crawlers ask for it whatever the page says."""
    path = finders.find("img/favicon.ico")
    if not path:
        raise Http404("favicon.ico")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the context processors may need the database,
    # which may be exactly what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
