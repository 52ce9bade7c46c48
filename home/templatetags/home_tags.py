from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from home.dates import format_long_date

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
    return _localized_home(context.get("request"))


def _localized_home(request):
    """The site root in the active language, once per request."""
    cache_key = f"_home_localized_{get_language() or settings.LANGUAGE_CODE}"
    if request is not None and hasattr(request, cache_key):
        return getattr(request, cache_key)
    root = _site_root(request)
    home = root.localized.specific if root else None
    if request is not None:
        setattr(request, cache_key, home)
    return home


def feedback_page(request):
    """The live feedback page in the active language, or None; once per request.

    Officers choose it in the site settings; until they do, it is the first
    feedback page of the site in that language.
    """
    cache_key = f"_home_feedback_page_{get_language() or settings.LANGUAGE_CODE}"
    if request is not None and hasattr(request, cache_key):
        return getattr(request, cache_key)
    from home.models import FeedbackFormPage, SiteSettings

    page = None
    home = _localized_home(request)
    if home is not None:
        chosen = SiteSettings.for_request(request).feedback_page if request else None
        if chosen is not None:
            page = chosen.localized
            if not page.live or not page.path.startswith(home.path):
                page = None
        if page is None:
            page = (
                FeedbackFormPage.objects.live()
                .public()
                .descendant_of(home)
                .order_by("path")
                .first()
            )
    if request is not None:
        setattr(request, cache_key, page)
    return page


@register.simple_tag(takes_context=True)
def localized_feedback_page(context):
    """The feedback page in the active language (see ``feedback_page``)."""
    return feedback_page(context.get("request"))


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children shown in menus, then the feedback page."""
    request = context.get("request")
    home = _localized_home(request)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    if home:
        pages = list(home.get_children().live().public().in_menu())
        feedback = feedback_page(request)
        if feedback and all(page.pk != feedback.pk for page in pages):
            pages.append(feedback)
        # "page" for the page shown, "true" for the section it sits in.
        items = [
            (page, "page" if page.path == current_path else "true")
            if current_path.startswith(page.path)
            else (page, "")
            for page in pages
        ]
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


@register.filter
def long_date(value):
    """A date as visitors read it everywhere: "25 November 2026" (WIB)."""
    return format_long_date(value)


@register.filter
def with_site_name(title):
    """``"Title | Site name"`` for the <title>, never the site name twice."""
    site_name = _("Aviation Health Center")
    title = " ".join(str(title).split())
    if not title or site_name.casefold() in title.casefold():
        return title or site_name
    return f"{title} | {site_name}"
