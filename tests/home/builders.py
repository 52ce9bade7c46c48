"""Small builders for page trees used by the tests of the public site."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from home.models import (
    ArticleIndexPage,
    ArticlePage,
    DocumentLibraryPage,
    FeedbackFormField,
    FeedbackFormPage,
    HomePage,
    LibraryDocument,
    SectionPage,
    ServicePage,
)


def locales() -> tuple[Locale, Locale]:
    id_locale, _ = Locale.objects.get_or_create(language_code="id")
    en_locale, _ = Locale.objects.get_or_create(language_code="en")
    return id_locale, en_locale


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page: Page, locale: Locale, **fields) -> Page:
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def paragraph(text: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>")]


def build_home(title: str = "Beranda") -> HomePage:
    """A HomePage that replaces Wagtail's welcome page as the default site root."""
    id_locale, _en = locales()
    root = Page.get_first_root_node()
    home = publish(
        root,
        HomePage(title=title, slug="beranda", locale=id_locale, hero_title="Halo"),
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def build_article(parent: ArticleIndexPage, title: str, **fields) -> ArticlePage:
    fields.setdefault("summary", f"Ringkasan {title}")
    fields.setdefault("body", paragraph(f"Isi {title}"))
    fields.setdefault("date", datetime.date(2025, 1, 15))
    return publish(parent, ArticlePage(title=title, **fields))


def build_document(title: str):
    document = get_document_model()(title=title)
    document.file = ContentFile(b"contoh", name="contoh.txt")
    document.save()
    return document


def build_feedback_page(parent: Page, **fields) -> FeedbackFormPage:
    page = FeedbackFormPage(
        title="Masukan",
        slug="masukan",
        to_address="petugas@example.com",
        subject="Masukan baru",
        **fields,
    )
    page.form_fields = [
        FeedbackFormField(label="Nama", field_type="singleline", required=True),
        FeedbackFormField(label="Email", field_type="email", required=True),
        FeedbackFormField(
            label="Nomor Telepon", field_type="singleline", required=False
        ),
        FeedbackFormField(
            label="Kategori",
            field_type="dropdown",
            required=True,
            choices="Pertanyaan\nSaran\nPengaduan",
        ),
        FeedbackFormField(label="Pesan", field_type="multiline", required=True),
    ]
    return publish(parent, page)


def build_site() -> SimpleNamespace:
    """One page of every type in Indonesian, each translated into English."""
    _id, en_locale = locales()
    home = build_home()
    section = publish(
        home,
        SectionPage(
            title="Humas", slug="humas", intro="Hubungan masyarakat", show_in_menus=True
        ),
    )
    index = publish(section, ArticleIndexPage(title="Berita", slug="berita"))
    article = build_article(
        index, "Pemeriksaan pilot", slug="pemeriksaan-pilot", kind="news"
    )
    article.tags.add("pilot")
    article.save_revision().publish()
    service = publish(
        section,
        ServicePage(
            title="Pemeriksaan Kesehatan ATC",
            slug="atc",
            summary="Pemeriksaan kelas 3",
            requirements="<ul><li>KTP</li></ul>",
            schedule="<p>Senin–Jumat</p>",
            fees="<p>Rp 500.000</p>",
        ),
    )
    library = DocumentLibraryPage(title="Regulasi", slug="regulasi")
    library.library_documents = [
        LibraryDocument(
            document=build_document("UU 1/2009"),
            title="Undang-Undang Penerbangan",
            doc_type=LibraryDocument.DocType.LAW,
            year=2009,
            number="UU 1/2009",
        ),
        LibraryDocument(
            document=build_document("SOP"),
            title="SOP Pemeriksaan Berkala",
            doc_type=LibraryDocument.DocType.SOP,
            year=2024,
        ),
        LibraryDocument(
            document=build_document("Formulir"),
            title="Formulir Pendaftaran",
            doc_type=LibraryDocument.DocType.FORM,
            year=2024,
        ),
    ]
    publish(section, library)
    feedback = build_feedback_page(section)

    home = HomePage.objects.get(pk=home.pk)
    en = SimpleNamespace(home=translate(home, en_locale, title="Home"))
    en.section = translate(section, en_locale, title="Public Relations")
    en.index = translate(index, en_locale, title="News")
    en.article = translate(article, en_locale, title="Pilot examination")
    en.service = translate(service, en_locale, title="ATC medical examination")
    en.library = translate(library, en_locale, title="Regulations")
    en.feedback = translate(feedback, en_locale, title="Feedback")
    return SimpleNamespace(
        home=home,
        section=section,
        index=index,
        article=article,
        service=service,
        library=library,
        feedback=feedback,
        en=en,
    )
