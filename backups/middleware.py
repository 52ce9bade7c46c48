from django.http import HttpResponse
from django.utils.translation import gettext as _

from backups import maintenance

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class MaintenanceMiddleware:
    """Answers writes with 503 while a restore runs (see backups.maintenance)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS and maintenance.is_on():
            response = HttpResponse(
                _(
                    "The website is under maintenance (a backup is being "
                    "restored). Please try again in a few minutes."
                ),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "120"
            return response
        return self.get_response(request)
