"""What every public page shows around its content, read once per content change.

The site, its locales, the home page in each language, the main menu, the
feedback page, the site settings and the private subtrees are the same on every
public page. They are built in a handful of queries the first time a page needs
them, kept in the cache under the site's *content version*, and read back with
one query (the version) on each later request.

Any save or delete of a page, site, locale, setting or view restriction
changes the version inside the same transaction
(``home.signal_handlers``): the version lives in the database, not in a
per-process cache, so every web worker sees a change on its very next request.
Only plain rows are cached (base ``Page`` objects, never StreamField values).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms.pagecache import generation

CACHE_TIMEOUT = 24 * 60 * 60
_REQUEST_ATTR = "_home_chrome"
_TOKENS_ATTR = "_home_tokens"


@dataclass
class Chrome:
    site: Site | None
    locales: dict[str, Locale] = field(default_factory=dict)
    #: The live home page of each language (base Page rows), by language code.
    homes: dict[str, Page] = field(default_factory=dict)
    #: The home page's live, public children shown in menus, by language code.
    menus: dict[str, list[Page]] = field(default_factory=dict)
    #: The feedback page linked from the menu and footer, by language code.
    feedback_pages: dict[str, Page | None] = field(default_factory=dict)
    settings: object | None = None
    #: Paths of pages with a view restriction (each hides its subtree).
    private_paths: list[str] = field(default_factory=list)

    def home(self, language: str | None = None) -> Page | None:
        """The home page in ``language`` (default: the active one)."""
        code = _language(language)
        return self.homes.get(code) or self.homes.get(settings.LANGUAGE_CODE)

    def locale(self, language: str | None = None) -> Locale | None:
        return self.locales.get(_language(language))

    def public_q(self) -> Q:
        """Like ``PageQuerySet.public()`` without its query of the restrictions."""
        q = Q()
        for path in self.private_paths:
            q |= Q(path__startswith=path)
        return ~q if q else Q()


def public(queryset, request: HttpRequest | None):
    """``queryset.public()``, without its query of the view restrictions."""
    if request is None:
        return queryset.public()
    return queryset.filter(for_request(request).public_q())


def _language(language: str | None) -> str:
    code = language or get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0]


def current_version() -> str:
    from home.models import ContentVersion

    token = ContentVersion.objects.filter(pk=1).values_list("token", flat=True)
    return next(iter(token), "") or ""


def tokens_for(request: HttpRequest) -> tuple[str, str]:
    """The content version and page-cache generation read at the request's start.

    Read before any content, so that what is rendered is never older than them.
    """
    for_request(request)
    return getattr(request, _TOKENS_ATTR, ("", ""))


def bump_version() -> None:
    """A new token: every cache keyed by the old one is forgotten."""
    from home.models import ContentVersion

    ContentVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def for_request(request: HttpRequest | None) -> Chrome:
    """This request's chrome: from the cache, or built and cached; once per request.

    Also hands Wagtail the site and the site settings, so that neither
    ``Site.find_for_request`` nor ``SiteSettings.for_request`` queries again.
    """
    if request is None:
        return _build(None)
    chrome = getattr(request, _REQUEST_ATTR, None)
    if chrome is not None:
        return chrome
    # Both tokens before any content is read (home.fragments relies on it).
    token = generation.current()
    version = current_version()
    setattr(request, _TOKENS_ATTR, (version, token))
    key = f"home.chrome:{version}:{request.get_host()}:{request.get_port()}"
    chrome = cache.get(key) if version else None
    if chrome is None:
        chrome = _build(request)
        if version:
            cache.set(key, chrome, CACHE_TIMEOUT)
    setattr(request, _REQUEST_ATTR, chrome)
    request._wagtail_site = chrome.site
    if chrome.settings is not None:
        setattr(request, type(chrome.settings).get_cache_attr_name(), chrome.settings)
    return chrome


def _build(request: HttpRequest | None) -> Chrome:
    from home.models import FeedbackFormPage, SiteSettings

    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = Site.objects.select_related("root_page").filter(is_default_site=True)
        site = site.first()
    chrome = Chrome(site=site)
    chrome.locales = {locale.language_code: locale for locale in Locale.objects.all()}
    chrome.private_paths = list(
        PageViewRestriction.objects.values_list("page__path", flat=True)
    )
    if site is None:
        return chrome
    chrome.settings = SiteSettings.for_site(site)
    public = chrome.public_q()
    homes = Page.objects.filter(
        translation_key=site.root_page.translation_key, live=True
    ).select_related("locale")
    chrome.homes = {home.locale.language_code: home for home in homes}
    chosen = chrome.settings.feedback_page
    chosen_key = chosen.translation_key if chosen else None
    for code, home in chrome.homes.items():
        menu = list(
            home.get_children().live().in_menu().filter(public).order_by("path")
        )
        feedback = None
        if chosen_key:
            feedback = (
                Page.objects.live()
                .filter(public, translation_key=chosen_key)
                .filter(locale=home.locale_id, path__startswith=home.path)
                .first()
            )
        if feedback is None:
            feedback = (
                FeedbackFormPage.objects.live()
                .descendant_of(home)
                .filter(public)
                .order_by("path")
                .first()
            )
            feedback = feedback.page_ptr if feedback else None
        chrome.menus[code] = menu
        chrome.feedback_pages[code] = feedback
    return chrome
