"""A realistic site that can grow: every public page type, with images,
documents, tags and translations, for the query-count tests."""

from __future__ import annotations

import datetime
import io

from PIL import Image
from wagtail.models import Site

from home.builders import (
    locales,
    make_article,
    make_document,
    make_feedback_page,
    make_home,
    make_image,
    make_section,
    make_service,
    publish,
    translate,
)
from home.models import (
    ArticleIndexPage,
    DocumentLibraryPage,
    LibraryDocument,
    SiteSettings,
)


def png(width: int = 96, height: int = 64, color=(31, 111, 178)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def image(title: str):
    return make_image(title, content=png(), filename="gambar.png")


def document(title: str):
    return make_document(title, content=b"isi", filename="berkas.pdf")


class SiteContent:
    """Home (with a hero image and highlights), a section holding services, a
    news index, a document library and a feedback page; home, section and
    index translated into English. ``add()`` grows every list."""

    def __init__(self) -> None:
        _id, en = locales()
        self.home = make_home(hero_title="Selamat datang", hero_image=image("Hero"))
        self.section = make_section(self.home, "Pelayanan", slug="pelayanan")
        self.index = publish(
            self.section, ArticleIndexPage(title="Berita", slug="berita")
        )
        self.library = publish(
            self.section, DocumentLibraryPage(title="Regulasi", slug="regulasi")
        )
        self.feedback = make_feedback_page(
            self.section,
            "Masukan",
            slug="masukan",
            to_address="petugas@example.com",
            subject="Masukan",
            form_fields=[
                {"label": "Nama", "field_type": "singleline", "required": True},
                {"label": "Pesan", "field_type": "multiline", "required": True},
            ],
        )
        self.home.highlights = [
            ("highlight", {"title": "Layanan", "text": "Semua", "page": self.section}),
            ("highlight", {"title": "Berita", "text": "Terbaru", "page": self.index}),
        ]
        self.home.hero_link = self.section
        self.home.save_revision().publish()
        SiteSettings.objects.create(
            site=Site.objects.get(is_default_site=True),
            address="Jl. Angkasa 1, Jakarta",
            phone="021 000",
            feedback_page=self.feedback,
        )
        self.en_home = translate(self.home, en, title="Home")
        self.en_section = translate(self.section, en, title="Services")
        self.en_index = translate(self.index, en, title="News")
        self.count = 0
        self.article = self.service = None

    def add(self, count: int, *, per_page: int) -> None:
        """``count`` more articles, services and library documents; the newest
        article and service carry ``per_page`` tags, images and documents."""
        for _ in range(count):
            self.count += 1
            n = self.count
            images = [image(f"Gambar {n}-{i}") for i in range(per_page)]
            documents = [document(f"Dokumen {n}-{i}") for i in range(per_page)]
            body = [
                ("paragraph", f"<p>Pemeriksaan kesehatan nomor {n}.</p>"),
                *(
                    ("image", {"image": img, "alt_text": f"Gambar {n}", "caption": ""})
                    for img in images
                ),
                *(("document", {"document": doc, "title": ""}) for doc in documents),
            ]
            self.article = make_article(
                self.index,
                f"Pemeriksaan pilot {n}",
                slug=f"berita-{n}",
                kind="news" if n % 3 else "announcement",
                date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
                summary=f"Ringkasan berita {n}",
                feed_image=images[0],
                body=body,
                tags=[f"tag-{n}-{i}" for i in range(per_page)],
            )
            self.service = make_service(
                self.section,
                f"Pemeriksaan layanan {n}",
                slug=f"layanan-{n}",
                summary=f"Layanan nomor {n}",
                requirements=["KTP"],
                image=images[-1],
                documents=[
                    ("document", {"document": doc, "title": ""}) for doc in documents
                ],
                body=body[:1],
            )
            LibraryDocument.objects.create(
                page=self.library,
                document=documents[0],
                title=f"Peraturan {n}",
                doc_type=LibraryDocument.DocType.LAW,
                year=2000 + n % 20,
                number=f"PM {n}",
            )

    def urls(self) -> dict[str, str]:
        """Every public page type and API listing, by name."""
        index = self.index.url
        return {
            "home": "/",
            "home (English)": "/en/",
            "section": self.section.url,
            "news listing": index,
            "news listing, page 2": f"{index}?page=2",
            "news listing, announcements": f"{index}?kind=announcement",
            "RSS feed": f"{index}feed/",
            "article": self.article.url,
            "service": self.service.url,
            "document library": self.library.url,
            "document library, filtered": f"{self.library.url}?type=law",
            "feedback form": self.feedback.url,
            "search": "/search/?q=pemeriksaan",
            "search, page 2": "/search/?q=pemeriksaan&page=2",
            "sitemap": "/sitemap.xml",
            "API pages": "/api/v2/pages/?limit=20",
            "API articles, all fields": (
                "/api/v2/pages/?type=home.ArticlePage&fields=*&limit=20"
            ),
            "API services, all fields": (
                "/api/v2/pages/?type=home.ServicePage&fields=*&limit=20"
            ),
            "API document library": (
                "/api/v2/pages/?type=home.DocumentLibraryPage&fields=*"
            ),
            "API images": "/api/v2/images/?limit=20",
            "API documents": "/api/v2/documents/?limit=20",
        }
