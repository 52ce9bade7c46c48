from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from audit.monitoring import urls as monitoring_urls
from cms.api import api_router
from home import views as home_views
from home.sitemaps import sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    *monitoring_urls.health_urlpatterns,
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Indonesian at /, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    *monitoring_urls.status_urlpatterns,
    # Wagtail's page view with our two-query routing (home.routing); the rest of
    # wagtail_urls (password-protected pages, login) is Wagtail's own.
    re_path(wagtail_urls.serve_pattern, home_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
