"""The read-only headless API (Wagtail API v2) at /api/v2/.

Only live, public pages are listed: Wagtail's PagesAPIViewSet already filters
on ``live`` and on view restrictions. The v3 API that ships with Wagtail 8 is
write-capable and unstable, so it is deliberately not installed.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
