"""Small functions that build and publish pages of the public site.

The demo seed (``home.demo``) and the tests (``tests/home/builders.py``) both
build their trees with these, so a page is made one way everywhere: Indonesian
first, published under its parent, and translated into English with Wagtail's
``copy_for_translation`` so both trees share translation keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from home.models import (
    ArticlePage,
    FeedbackFormField,
    FeedbackFormPage,
    HomePage,
    SectionPage,
    ServicePage,
)

# --- Locales and publishing ----------------------------------------------------


def locales() -> tuple[Locale, Locale]:
    """The site's two locales, Indonesian and English, created if missing."""
    id_locale, _ = Locale.objects.get_or_create(language_code="id")
    en_locale, _ = Locale.objects.get_or_create(language_code="en")
    return id_locale, en_locale


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page: Page, locale: Locale, **fields) -> Page:
    """Copy ``page`` into ``locale``, set the translated fields and publish."""
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


# --- Field values ----------------------------------------------------------------


def rich(*paragraphs: str) -> str:
    """Rich text: one ``<p>`` per paragraph."""
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def bullets(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def body(
    *paragraphs: str,
    heading: str = "",
    quote: tuple[str, str] | None = None,
) -> list[tuple[str, object]]:
    """A body StreamField value: optional heading, paragraphs, optional quote."""
    blocks: list[tuple[str, object]] = []
    if heading:
        blocks.append(("heading", {"text": heading, "level": "h2"}))
    blocks.extend(("paragraph", f"<p>{p}</p>") for p in paragraphs)
    if quote:
        blocks.append(("quote", {"text": quote[0], "attribution": quote[1]}))
    return blocks


# --- Media -------------------------------------------------------------------------


def make_image(title: str, *, content: bytes, filename: str, description: str = ""):
    image = get_image_model()(title=title, description=description)
    image.file = ImageFile(ContentFile(content), name=filename)
    image.save()
    return image


def make_document(title: str, *, content: bytes, filename: str):
    document = get_document_model()(title=title)
    document.file = ContentFile(content, name=filename)
    document.save()
    return document


# --- Pages ---------------------------------------------------------------------------


def make_home(title: str = "Beranda", *, slug: str = "beranda", **fields) -> HomePage:
    """An Indonesian HomePage under the tree's root, made the default site's root."""
    id_locale, _en = locales()
    home = publish(
        Page.get_first_root_node(),
        HomePage(title=title, slug=slug, locale=id_locale, **fields),
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.save()
    return home


def make_section(parent: Page, title: str, **fields) -> SectionPage:
    """A subdivision's section page, shown in the main menu unless told not to."""
    fields.setdefault("show_in_menus", True)
    return publish(parent, SectionPage(title=title, **fields))


def make_article(
    parent: Page, title: str, *, tags: Iterable[str] = (), **fields
) -> ArticlePage:
    article = ArticlePage(title=title, **fields)
    # The tags ride along in the page's cluster: one save, one revision.
    article.tags.add(*tags)
    return publish(parent, article)


def translate_article(
    article: ArticlePage, locale: Locale, *, tags: Iterable[str] = (), **fields
) -> ArticlePage:
    """Like ``translate``, with the copied tags replaced by ``tags``."""
    translation = article.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.tags.clear()
    translation.tags.add(*tags)
    translation.save_revision().publish()
    return translation


def make_service(
    parent: Page,
    title: str,
    *,
    requirements: Sequence[str] = (),
    schedule: str = "",
    fees: str = "",
    **fields,
) -> ServicePage:
    """A service page; requirements become a list, schedule and fees a paragraph."""
    return publish(
        parent,
        ServicePage(
            title=title,
            requirements=bullets(*requirements),
            schedule=rich(schedule) if schedule else "",
            fees=rich(fees) if fees else "",
            **fields,
        ),
    )


def make_feedback_page(
    parent: Page,
    title: str,
    *,
    form_fields: Sequence[dict],
    **fields,
) -> FeedbackFormPage:
    """A feedback form page with its fields (dicts of FeedbackFormField values)."""
    page = FeedbackFormPage(title=title, **fields)
    page.form_fields = [FeedbackFormField(**field) for field in form_fields]
    return publish(parent, page)


def translate_feedback_page(
    page: FeedbackFormPage,
    locale: Locale,
    *,
    form_fields: Sequence[dict],
    **fields,
) -> FeedbackFormPage:
    """Like ``translate``; ``form_fields`` holds each copied field's new values.

    The copied fields are changed, not replaced, so they keep the original's
    ``clean_name``s and submissions in both languages share their columns.
    """
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    copied = list(translation.form_fields.all())
    for field, values in zip(copied, form_fields, strict=True):
        for name, value in values.items():
            setattr(field, name, value)
    translation.form_fields = copied
    translation.save_revision().publish()
    return translation
