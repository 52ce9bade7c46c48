"""Request middleware of the project package."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """Serve the Wagtail admin in Bahasa Indonesia by default.

    The public site speaks ``id``, but Wagtail ships its admin catalogue as
    ``id_ID``, which gettext never finds for plain ``id``. In the admin we switch
    ``id`` to ``id-id``: gettext then loads Wagtail's ``id_ID`` catalogue and
    falls back to Django's and our own ``id`` catalogues. A user's own choice in
    their Wagtail account settings still wins (Wagtail applies it per view).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        if request.path.startswith(self.prefix) and translation.get_language() == "id":
            translation.activate(settings.CMS_ADMIN_LANGUAGE)
            request.LANGUAGE_CODE = settings.CMS_ADMIN_LANGUAGE
        return self.get_response(request)
