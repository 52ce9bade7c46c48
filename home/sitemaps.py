"""A sitemap that lists every language of the site, not only the default one.

Wagtail's own sitemap walks the descendants of the site's root page, which
with i18n is the Indonesian home page only: the English tree sits beside it
as a sibling and would be missing from the sitemap.
"""

from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from home import chrome


class LocalizedSitemap(Sitemap):
    def items(self):
        # Base pages: none of our page types changes get_sitemap_urls, and
        # .specific() would cost a query per page type.
        homes = chrome.for_request(self.request).homes.values()
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return chrome.public(pages.live(), self.request).order_by("path")


def sitemap(request, **kwargs):
    chrome.for_request(request)  # hands Wagtail the site
    return wagtail_sitemap_views.sitemap(
        request, sitemaps={"pages": LocalizedSitemap}, **kwargs
    )
