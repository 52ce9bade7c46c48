from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page

from home import chrome, fragments, routing
from home.dates import format_long_date

register = template.Library()


def _live_translations(request, page) -> dict:
    """The live versions of ``page`` (itself included), by language code.

    Read once per request: the head's alternates and the switcher share it.
    The home page's versions are the chrome's, with no query at all.
    """
    if not isinstance(page, Page):
        return {}
    memo = getattr(request, "_home_translations", None) if request else None
    if memo is not None and memo[0] == page.pk:
        return memo[1]
    site_chrome = chrome.for_request(request)
    homes = site_chrome.homes
    if any(home.pk == page.pk for home in homes.values()):
        versions = dict(homes)
    else:
        rows = (
            page.get_translations(inclusive=True)
            .live()
            .only("id", "url_path", "path", "depth", "locale_id", "translation_key")
        )
        codes = {locale.pk: code for code, locale in site_chrome.locales.items()}
        versions = {codes[row.locale_id]: row for row in rows if row.locale_id in codes}
    if request is not None:
        request._home_translations = (page.pk, versions)
    return versions


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (the site root's translation)."""
    return chrome.for_request(context.get("request")).home()


def feedback_page(request):
    """The live feedback page in the active language, or None.

    Officers choose it in the site settings; until they do, it is the first
    feedback page of the site in that language (home.chrome).
    """
    site_chrome = chrome.for_request(request)
    home = site_chrome.home()
    if home is None:
        return None
    return site_chrome.feedback_pages.get(home.locale.language_code)


@register.simple_tag(takes_context=True)
def localized_feedback_page(context):
    """The feedback page in the active language (see ``feedback_page``)."""
    return feedback_page(context.get("request"))


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children shown in menus, then the feedback page."""
    request = context.get("request")
    site_chrome = chrome.for_request(request)
    home = site_chrome.home()
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    if home:
        pages = list(site_chrome.menus.get(home.locale.language_code, []))
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
    site_chrome = chrome.for_request(request)
    translations = _live_translations(request, page)
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        known = code in site_chrome.locales and site_chrome.site is not None
        if code in translations:
            url = translations[code].get_url(request=request)
        if url is None and known and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code) if request else None
        if url is None and known and code in site_chrome.homes:
            url = site_chrome.homes[code].get_url(request=request)
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
    for code, translation in _live_translations(request, context.get("page")).items():
        url = translation.get_full_url(request=request)
        if url:
            alternates.append({"code": code, "url": url})
    return alternates if len(alternates) > 1 else []


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    ancestors = []
    if isinstance(page, Page):
        # Routing found them already (home.routing); else one query.
        found = routing.ancestors(request, page)
        if found is None:
            found = page.get_ancestors().filter(depth__gt=1)
        ancestors = [
            ancestor for ancestor in found if ancestor.depth > 1 and ancestor.live
        ]
    return {"ancestors": ancestors, "page": page, "request": request}


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


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        values = [value.resolve(context) for value in self.values]
        key = fragments.key_for(context.get("request"), self.name, values)
        if key is None:
            return self.nodelist.render(context)
        cache = fragments.cache()
        content = cache.get(key)
        if content is None:
            content = self.nodelist.render(context)
            cache.set(key, content)
        return content


@register.tag
def fragment(parser, token):
    """``{% fragment "name" value ... %}...{% endfragment %}``: rendered once,
    then kept until the content it shows changes (see ``home.fragments``).

    The values name what else the content depends on (the page, the kind of
    listing, its page number...); an empty one means: render every time.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragment' takes a name.")
    name = bits[1].strip("\"'")
    values = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, values)
