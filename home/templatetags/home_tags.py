from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


def _live_translations(page) -> dict:
    """The live versions of ``page`` (itself included), by language code."""
    if not isinstance(page, Page):
        return {}
    versions = page.get_translations(inclusive=True).live().select_related("locale")
    return {version.locale.language_code: version for version in versions}


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (the site root's translation)."""
    root = _site_root(context.get("request"))
    return root.localized.specific if root else None


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    root = _site_root(request)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    if root:
        children = root.localized.get_children().live().public().in_menu()
        items = [(child, current_path.startswith(child.path)) for child in children]
    return {"items": items, "request": request}


@register.inclusion_tag("tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language, or to that language's home page."""
    request = context.get("request")
    page = context.get("page")
    root = _site_root(request)
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    translations = _live_translations(page)
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        locale = locales.get(code)
        if code in translations:
            url = translations[code].get_url(request=request)
        if url is None and locale and root and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code) if request else None
        if url is None and locale and root:
            home = root.get_translation_or_none(locale)
            if home and home.live:
                url = home.get_url(request=request)
        if url is None:
            continue
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url})
    return {"links": links, "request": request}


@register.simple_tag(takes_context=True)
def page_alternates(context):
    """This page's live versions in every language, with absolute URLs.

    For ``<link rel="alternate" hreflang>`` in the head, so search engines
    pair the Indonesian and English pages; unlike the switcher, no fallback
    to the home page (that would pair unrelated pages).
    """
    request = context.get("request")
    alternates = []
    for code, translation in _live_translations(context.get("page")).items():
        url = translation.get_full_url(request=request)
        if url:
            alternates.append({"code": code, "url": url})
    return alternates if len(alternates) > 1 else []


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page):
        ancestors = page.get_ancestors().filter(depth__gt=1).live()
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
