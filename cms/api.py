"""The read-only headless API (Wagtail API v2) at /api/v2/.

Only live, public pages are listed: Wagtail's PagesAPIViewSet already filters
on ``live`` and on view restrictions. The v3 API that ships with Wagtail 8 is
write-capable and unstable, so it is deliberately not installed.

Wagtail's viewsets serialise each item on its own: a query per item for its
locale, its tags, its images, renditions and child rows. The viewsets below
fetch all of those for the whole listing up front (``home.api_prefetch``),
so a listing costs the same number of queries for 5 items as for 50.
"""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home import api_prefetch, blocks, chrome


class PublicPageSerializer(api_prefetch.PrefetchedTagsMixin, PageSerializer):
    pass


class PublicImageSerializer(api_prefetch.PrefetchedTagsMixin, ImageSerializer):
    pass


class PublicDocumentSerializer(api_prefetch.PrefetchedTagsMixin, DocumentSerializer):
    pass


class JSONOnly:
    """JSON for every client, a browser included.

    Wagtail adds DRF's browsable HTML renderer whenever ``rest_framework`` is
    installed; that page needs DRF's own static files and scripts, which the
    public site neither collects nor allows in its CSP, and it is another
    representation to cache. A browser asking for HTML gets the JSON.
    """

    renderer_classes = [JSONRenderer]


class PublicPagesAPIViewSet(JSONOnly, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer

    def get_base_queryset(self):
        # Wagtail builds it three times per listing (two queries each).
        if not hasattr(self, "_base_queryset"):
            chrome.for_request(self.request)  # hands Wagtail the site
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        return api_prefetch.pages(super().get_queryset())

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        items = self.paginate_queryset(queryset)
        serializer = self.get_serializer(items, many=True)
        # The images and documents of every item's body, in one query each.
        with blocks.preloaded(api_prefetch.stream_objects(items)):
            data = serializer.data
        return self.get_paginated_response(data)


class PublicImagesAPIViewSet(JSONOnly, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class PublicDocumentsAPIViewSet(JSONOnly, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
