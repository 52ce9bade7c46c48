"""Small builders for page trees used by the tests of the public site."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from wagtail.models import Page

from home.builders import (
    body,
    locales,
    make_article,
    make_document,
    make_feedback_page,
    make_home,
    make_section,
    make_service,
    publish,
    translate,
)
from home.models import (
    ArticleIndexPage,
    ArticlePage,
    DocumentLibraryPage,
    FeedbackFormPage,
    HomePage,
    LibraryDocument,
)

__all__ = [
    "build_article",
    "build_document",
    "build_feedback_page",
    "build_home",
    "build_site",
    "locales",
    "paragraph",
    "publish",
    "translate",
]


def paragraph(text: str) -> list[tuple[str, object]]:
    return body(text)


def build_home(title: str = "Beranda") -> HomePage:
    """A HomePage that replaces Wagtail's welcome page as the default site root."""
    return make_home(title, hero_title="Halo")


def build_article(parent: ArticleIndexPage, title: str, **fields) -> ArticlePage:
    fields.setdefault("summary", f"Ringkasan {title}")
    fields.setdefault("body", paragraph(f"Isi {title}"))
    fields.setdefault("date", datetime.date(2025, 1, 15))
    return make_article(parent, title, **fields)


def build_document(title: str):
    return make_document(title, content=b"contoh", filename="contoh.txt")


def build_feedback_page(parent: Page, **fields) -> FeedbackFormPage:
    return make_feedback_page(
        parent,
        "Masukan",
        slug="masukan",
        to_address="petugas@example.com",
        subject="Masukan baru",
        form_fields=[
            {"label": "Nama", "field_type": "singleline", "required": True},
            {"label": "Email", "field_type": "email", "required": True},
            {"label": "Nomor Telepon", "field_type": "singleline", "required": False},
            {
                "label": "Kategori",
                "field_type": "dropdown",
                "required": True,
                "choices": "Pertanyaan\nSaran\nPengaduan",
            },
            {"label": "Pesan", "field_type": "multiline", "required": True},
        ],
        **fields,
    )


def build_site() -> SimpleNamespace:
    """One page of every type in Indonesian, each translated into English."""
    _id, en_locale = locales()
    home = build_home()
    section = make_section(home, "Humas", slug="humas", intro="Hubungan masyarakat")
    index = publish(section, ArticleIndexPage(title="Berita", slug="berita"))
    article = build_article(
        index,
        "Pemeriksaan pilot",
        slug="pemeriksaan-pilot",
        kind="news",
        tags=["pilot"],
    )
    service = make_service(
        section,
        "Pemeriksaan Kesehatan ATC",
        slug="atc",
        summary="Pemeriksaan kelas 3",
        requirements=["KTP"],
        schedule="Senin–Jumat",
        fees="Rp 500.000",
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
