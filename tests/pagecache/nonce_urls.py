"""A page with an inline script under a CSP nonce (no public page has one yet)."""

from django.http import HttpResponse
from django.urls import path


def scripted(request):
    nonce = request.csp_nonce
    return HttpResponse(
        f'<!DOCTYPE html><script nonce="{nonce}">document.title = "ok";</script>'
        f'<style nonce="{nonce}">p {{}}</style>'
        # Long enough to be worth compressing, were it not for the nonce.
        + "<p>Pemeriksaan kesehatan penerbangan.</p>"
        * 40
    )


urlpatterns = [path("scripted/", scripted)]
