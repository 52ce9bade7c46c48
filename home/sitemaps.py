"""A sitemap that lists every language of the site, not only the default one.

Wagtail's own sitemap walks the descendants of the site's root page, which
with i18n is the Indonesian home page only: the English tree sits beside it
as a sibling and would be missing from the sitemap.
"""

from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()


def sitemap(request, **kwargs):
    return wagtail_sitemap_views.sitemap(
        request, sitemaps={"pages": LocalizedSitemap}, **kwargs
    )
