"""Build the bilingual demo site from the data files.

The text comes from ``data/`` (read and checked by ``content.load`` before
anything is written); pages are made with the same builders the tests use
(``home.builders``). The Indonesian tree is built first, in menu order; each
page is then translated into English with ``copy_for_translation``, so the two
trees share translation keys. Pictures are drawn (``pictures``) and PDFs
written (``pdf``) on the fly. The whole run is one transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from home import builders
from home.demo import pictures
from home.demo.content import DATA_DIR, load
from home.demo.pdf import make_pdf
from home.models import (
    ArticleIndexPage,
    DocumentLibraryPage,
    HomePage,
    LibraryDocument,
    SiteSettings,
)
from home.roles import ensure_roles


@dataclass
class SeedResult:
    created: bool
    pages: int = 0
    images: int = 0
    documents: int = 0


def seed_demo_content(
    *, to_address: str = "humas@bkp.example.go.id", data_dir: Path = DATA_DIR
) -> SeedResult:
    """Fill an empty site with the demo; do nothing if a HomePage exists."""
    id_locale, en_locale = builders.locales()
    if HomePage.objects.exists():
        return SeedResult(created=False)
    data = load(data_dir)
    with transaction.atomic():
        Seed(data, id_locale=id_locale, en_locale=en_locale).build(
            to_address=to_address
        )
        # The subdivisions' contributor groups get rights on the new sections.
        ensure_roles()
        # Translations are copied under the Indonesian slug and renamed, and
        # Wagtail makes a redirect for each rename when the transaction commits.
        # Those paths were never public: drop the redirects, after Wagtail's
        # own on-commit handlers (callbacks run in the order they were added).
        transaction.on_commit(lambda: drop_rename_redirects(en_locale))
    return SeedResult(
        created=True,
        pages=Page.objects.count(),
        images=get_image_model().objects.count(),
        documents=get_document_model().objects.count(),
    )


def drop_rename_redirects(locale: Locale) -> None:
    if apps.is_installed("wagtail.contrib.redirects"):
        from wagtail.contrib.redirects.models import Redirect

        Redirect.objects.filter(
            automatically_created=True, redirect_page__locale=locale
        ).delete()


def both(value: dict) -> tuple[str, str]:
    return value["id"], value["en"]


@dataclass
class Seed:
    data: dict
    id_locale: Locale
    en_locale: Locale
    # Indonesian pages by path below the home page, then their translations.
    pages: dict[str, Page] = field(default_factory=dict)
    english: dict[str, Page] = field(default_factory=dict)
    # (path, translate): run in creation order, so parents come first.
    translations: list[tuple[str, Callable[[], Page]]] = field(default_factory=list)
    images: dict[str, object] = field(default_factory=dict)
    documents: dict[str, object] = field(default_factory=dict)

    def build(self, *, to_address: str) -> None:
        sections = self.data["sections"]
        for section in sections.values():
            self.add_documents(section.get("library"))
        home = self.add_home(self.data["home"])
        for section in sections.values():
            self.add_section(home, section, to_address=to_address)
        self.link_home(self.pages, lang="id")
        for path, translate in self.translations:
            self.english[path] = translate()
        self.link_home(self.english, lang="en")
        self.add_settings(self.data["settings"])

    # --- Media ---------------------------------------------------------------

    def picture(self, spec: dict):
        name = spec["name"]
        if name not in self.images:
            self.images[name] = builders.make_image(
                spec["alt"]["id"],
                description=spec["alt"]["id"],
                content=pictures.draw(name),
                filename=f"{name}.png",
            )
        return self.images[name]

    def add_documents(self, library: dict | None) -> None:
        for doc in library["documents"] if library else []:
            number = doc["number"] or "-"
            self.documents[doc["file"]] = builders.make_document(
                doc["title"],
                content=make_pdf(
                    doc["title"],
                    [
                        f"Nomor: {number}   Tahun: {doc['year']}",
                        *library["sample_note"],
                    ],
                ),
                filename=doc["file"],
            )

    # --- Pages -----------------------------------------------------------------

    def later(self, path: str, page: Page, slug: str | None = None, **fields):
        """Queue the English translation of ``page`` (renamed to ``slug``)."""
        if slug:
            fields["slug"] = slug

        def translate():
            return builders.translate(page, self.en_locale, **fields)

        self.pages[path] = page
        self.translations.append((path, translate))

    def add_home(self, spec: dict) -> HomePage:
        home = builders.make_home(
            spec["title"]["id"],
            slug=spec["slug"],
            hero_title=spec["hero_title"]["id"],
            hero_text=spec["hero_text"]["id"],
            hero_image=self.picture(spec["picture"]),
            hero_link_text=spec["hero_link_text"]["id"],
            search_description=spec["search_description"]["id"],
        )
        self.use_as_site(home)
        self.later(
            "",
            home,
            **{
                name: spec[name]["en"]
                for name in (
                    "title",
                    "hero_title",
                    "hero_text",
                    "hero_link_text",
                    "search_description",
                )
            },
        )
        return home

    def use_as_site(self, home: HomePage) -> None:
        site = Site.objects.get(root_page=home)
        site.site_name = self.data["site_name"]
        # Absolute URLs (API html_url, feeds, emails) point at the running demo.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.save()
        # Wagtail's "Welcome" page, now the root of no site.
        Page.objects.filter(
            depth=2,
            content_type=ContentType.objects.get_for_model(Page),
            sites_rooted_here=None,
        ).delete()

    def add_section(self, home: HomePage, spec: dict, *, to_address: str) -> None:
        section_spec = spec["section"]
        slug = section_spec["slug"]
        heading = section_spec.get("heading", {})
        picture = section_spec.get("picture")
        section = builders.make_section(
            home,
            section_spec["title"]["id"],
            slug=slug,
            intro=section_spec["intro"]["id"],
            image=self.picture(picture) if picture else None,
            body=builders.body(
                *section_spec["body"]["id"], heading=heading.get("id", "")
            ),
        )
        self.later(
            slug,
            section,
            slug=slugify(section_spec["title"]["en"]),
            title=section_spec["title"]["en"],
            intro=section_spec["intro"]["en"],
            body=builders.body(
                *section_spec["body"]["en"], heading=heading.get("en", "")
            ),
        )
        if "library" in spec:
            self.add_library(section, slug, spec["library"])
        for service in spec.get("services", []):
            self.add_service(section, slug, service, picture)
        if "news" in spec:
            self.add_news(section, slug, spec["news"])
        if "feedback" in spec:
            self.add_feedback(section, slug, spec["feedback"], to_address=to_address)

    def add_library(self, section: Page, prefix: str, spec: dict) -> None:
        library = DocumentLibraryPage(
            title=spec["title"]["id"], slug=spec["slug"], intro=spec["intro"]["id"]
        )
        library.library_documents = [
            LibraryDocument(
                document=self.documents[doc["file"]],
                title=doc["title"],
                doc_type=doc["type"],
                year=doc["year"],
                number=doc["number"],
            )
            for doc in spec["documents"]
        ]
        builders.publish(section, library)
        self.later(
            f"{prefix}/{spec['slug']}",
            library,
            slug=slugify(spec["title"]["en"]),
            title=spec["title"]["en"],
            intro=spec["intro"]["en"],
        )

    def add_service(
        self, section: Page, prefix: str, spec: dict, picture: dict | None
    ) -> None:
        service = builders.make_service(
            section,
            spec["title"]["id"],
            slug=spec["slug"],
            summary=spec["summary"]["id"],
            image=self.picture(picture) if picture else None,
            image_alt=picture["alt"]["id"] if picture else "",
            requirements=spec["requirements"]["id"],
            schedule=spec["schedule"]["id"],
            fees=spec["fees"]["id"],
            documents=[
                ("document", {"document": self.documents[file], "title": ""})
                for file in spec["documents"]
            ],
        )
        self.later(
            f"{prefix}/{spec['slug']}",
            service,
            slug=slugify(spec["title"]["en"]),
            title=spec["title"]["en"],
            summary=spec["summary"]["en"],
            image_alt=picture["alt"]["en"] if picture else "",
            requirements=builders.bullets(*spec["requirements"]["en"]),
            schedule=builders.rich(spec["schedule"]["en"]),
            fees=builders.rich(spec["fees"]["en"]),
        )

    def add_news(self, section: Page, prefix: str, spec: dict) -> None:
        news = builders.publish(
            section,
            ArticleIndexPage(
                title=spec["title"]["id"], slug=spec["slug"], intro=spec["intro"]["id"]
            ),
        )
        self.later(
            f"{prefix}/{spec['slug']}",
            news,
            slug=slugify(spec["title"]["en"]),
            title=spec["title"]["en"],
            intro=spec["intro"]["en"],
        )
        today = timezone.localdate()
        for article in spec["articles"]:
            self.add_article(news, article, today=today)

    def add_article(self, news: Page, spec: dict, *, today: datetime.date) -> None:
        def article_body(lang: str):
            quote = spec.get("quote")
            return builders.body(
                *spec["body"][lang],
                quote=(quote["text"][lang], quote["attribution"][lang])
                if quote
                else None,
            )

        page = builders.make_article(
            news,
            spec["title"]["id"],
            tags=spec["tags"]["id"],
            kind=spec["kind"],
            date=today - datetime.timedelta(days=spec["days_ago"]),
            summary=spec["summary"]["id"],
            feed_image=self.picture(spec["picture"]),
            feed_image_alt=spec["picture"]["alt"]["id"],
            body=article_body("id"),
        )

        def translate():
            return builders.translate_article(
                page,
                self.en_locale,
                tags=spec["tags"]["en"],
                title=spec["title"]["en"],
                slug=slugify(spec["title"]["en"]),
                summary=spec["summary"]["en"],
                feed_image_alt=spec["picture"]["alt"]["en"],
                body=article_body("en"),
            )

        self.translations.append((page.url_path, translate))

    def add_feedback(
        self, section: Page, prefix: str, spec: dict, *, to_address: str
    ) -> None:
        def form_fields(lang: str) -> list[dict]:
            return [
                {
                    "label": field["label"][lang],
                    "choices": "\n".join(field.get("choices", {}).get(lang, [])),
                }
                for field in spec["fields"]
            ]

        feedback = builders.make_feedback_page(
            section,
            spec["title"]["id"],
            slug=spec["slug"],
            show_in_menus=False,
            intro=builders.rich(spec["intro"]["id"]),
            thank_you_text=builders.rich(spec["thank_you_text"]["id"]),
            to_address=to_address,
            subject=spec["subject"],
            form_fields=[
                {**values, "field_type": field["type"], "required": field["required"]}
                for values, field in zip(form_fields("id"), spec["fields"], strict=True)
            ],
        )
        path = f"{prefix}/{spec['slug']}"
        self.pages[path] = feedback
        self.translations.append(
            (
                path,
                lambda: builders.translate_feedback_page(
                    feedback,
                    self.en_locale,
                    form_fields=form_fields("en"),
                    slug=slugify(spec["title"]["en"]),
                    title=spec["title"]["en"],
                    intro=builders.rich(spec["intro"]["en"]),
                    thank_you_text=builders.rich(spec["thank_you_text"]["en"]),
                ),
            )
        )

    def link_home(self, pages: dict[str, Page], *, lang: str) -> None:
        """Point the home page's button and highlights at pages built since."""
        spec = self.data["home"]
        # Reload: children added through other instances left it stale, and
        # saving a stale page would overwrite the tree's child count.
        home = HomePage.objects.get(pk=pages[""].pk)
        home.hero_link = pages[spec["hero_link"]]
        home.highlights = [
            (
                "highlight",
                {
                    "title": item["title"][lang],
                    "text": item["text"][lang],
                    "page": pages[item["page"]],
                },
            )
            for item in spec["highlights"]
        ]
        home.save_revision().publish()

    def add_settings(self, spec: dict) -> None:
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        for name, value in spec.items():
            if isinstance(value, dict):
                setattr(site_settings, name, value["id"])
                setattr(site_settings, f"{name}_en", value["en"])
            else:
                setattr(site_settings, name, value)
        site_settings.save()
