"""Where each page type may live, and that an editor can create each one.

As Wagtail's bakerydemo does: the allowed parents and children of every page
type, then a real admin "add page" POST with valid form data, published.
"""

from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import (
    ArticleIndexPage,
    ArticlePage,
    DocumentLibraryPage,
    FeedbackFormPage,
    HomePage,
    SectionPage,
    ServicePage,
)
from tests.home.builders import build_document, build_site

PAGE_TYPES = [
    HomePage,
    SectionPage,
    ArticleIndexPage,
    ArticlePage,
    ServicePage,
    DocumentLibraryPage,
    FeedbackFormPage,
]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {SectionPage, ArticleIndexPage, DocumentLibraryPage, FeedbackFormPage},
        )
        self.assertCanCreateAt(Page, HomePage)
        for page_type in [HomePage, ArticlePage, ServicePage]:
            with self.subTest(child=page_type.__name__):
                self.assertCanNotCreateAt(HomePage, page_type)

    def test_section_page(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(
            SectionPage,
            {
                SectionPage,
                ArticleIndexPage,
                ServicePage,
                DocumentLibraryPage,
                FeedbackFormPage,
            },
        )
        self.assertCanCreateAt(SectionPage, SectionPage)
        self.assertCanNotCreateAt(Page, SectionPage)
        self.assertCanNotCreateAt(SectionPage, ArticlePage)

    def test_article_index_page(self):
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertCanNotCreateAt(ArticleIndexPage, ArticleIndexPage)

    def test_article_page(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        for parent in [Page, HomePage, SectionPage, ArticlePage]:
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, ArticlePage)

    def test_service_page(self):
        self.assertAllowedParentPageTypes(ServicePage, {SectionPage})
        self.assertAllowedSubpageTypes(ServicePage, set())
        self.assertCanNotCreateAt(HomePage, ServicePage)

    def test_document_library_page(self):
        self.assertAllowedParentPageTypes(DocumentLibraryPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(DocumentLibraryPage, set())
        self.assertCanNotCreateAt(ArticleIndexPage, DocumentLibraryPage)

    def test_feedback_form_page(self):
        self.assertAllowedParentPageTypes(FeedbackFormPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(FeedbackFormPage, set())
        self.assertCanNotCreateAt(ArticleIndexPage, FeedbackFormPage)

    def test_leaf_pages_take_no_children(self):
        for leaf in [ArticlePage, ServicePage, DocumentLibraryPage, FeedbackFormPage]:
            for child in PAGE_TYPES:
                with self.subTest(parent=leaf.__name__, child=child.__name__):
                    self.assertCanNotCreateAt(leaf, child)


class PageCreationTests(WagtailPageTestCase):
    """An editor creates and publishes each page type through the admin."""

    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.document = build_document("Peraturan baru")
        cls.editor = cls.create_superuser("editor")

    def setUp(self):
        # force_login: django-axes wants a request with every authenticate().
        self.client.force_login(self.editor)
        # The admin activates the editor's language and leaves it active in
        # this process: give later tests back the language they started with.
        self.addCleanup(translation.activate, translation.get_language())

    def test_an_editor_can_create_a_home_page(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Beranda kedua",
                    "slug": "beranda-kedua",
                    "hero_title": "Selamat datang",
                    "hero_text": "Situs kedua.",
                    "highlights": streamfield([]),
                }
            ),
        )

    def test_an_editor_can_create_a_section_page(self):
        self.assertCanCreate(
            self.site.home,
            SectionPage,
            nested_form_data(
                {
                    "title": "Laboratorium",
                    "intro": "Pemeriksaan laboratorium klinik.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>Jam layanan laboratorium.</p>"))]
                    ),
                }
            ),
        )

    def test_an_editor_can_create_an_article_index_page(self):
        self.assertCanCreate(
            self.site.section,
            ArticleIndexPage,
            nested_form_data({"title": "Siaran pers", "intro": "Siaran resmi."}),
        )

    def test_an_editor_can_create_an_article_page(self):
        self.assertCanCreate(
            self.site.index,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Jadwal pemeriksaan baru",
                    "kind": ArticlePage.Kind.NEWS,
                    "date": "2026-11-25",
                    "summary": "Jadwal pemeriksaan berubah mulai Desember.",
                    "feed_image_alt": "",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>Mulai 1 Desember.</p>"))]
                    ),
                    "tags": "jadwal",
                }
            ),
        )
        article = ArticlePage.objects.get(slug="jadwal-pemeriksaan-baru")
        self.assertTrue(article.live)
        self.assertEqual(article.get_parent().pk, self.site.index.pk)

    def test_an_editor_can_create_a_service_page(self):
        self.assertCanCreate(
            self.site.section,
            ServicePage,
            nested_form_data(
                {
                    "title": "Pemeriksaan awak kabin",
                    "summary": "Pemeriksaan kesehatan awak kabin.",
                    "image_alt": "",
                    "requirements": rich_text("<ul><li>KTP</li></ul>"),
                    "schedule": rich_text("<p>Senin sampai Jumat</p>"),
                    "fees": rich_text("<p>Rp 450.000</p>"),
                    "documents": streamfield([]),
                    "body": streamfield([]),
                }
            ),
        )

    def test_an_editor_can_create_a_document_library_page(self):
        self.assertCanCreate(
            self.site.section,
            DocumentLibraryPage,
            nested_form_data(
                {
                    "title": "Formulir",
                    "intro": "Formulir yang dapat diunduh.",
                    "library_documents": inline_formset(
                        [
                            {
                                "document": self.document.pk,
                                "title": "Formulir pendaftaran",
                                "doc_type": "form",
                                "year": 2026,
                                "number": "",
                            }
                        ]
                    ),
                }
            ),
        )
        library = DocumentLibraryPage.objects.get(slug="formulir")
        self.assertEqual(
            [item.title for item in library.library_documents.all()],
            ["Formulir pendaftaran"],
        )

    def test_an_editor_can_create_a_feedback_form_page(self):
        self.assertCanCreate(
            self.site.home,
            FeedbackFormPage,
            nested_form_data(
                {
                    "title": "Pengaduan",
                    "intro": rich_text("<p>Sampaikan pengaduan Anda.</p>"),
                    "thank_you_text": rich_text("<p>Terima kasih.</p>"),
                    "form_fields": inline_formset(
                        [
                            {
                                "label": "Nama",
                                "field_type": "singleline",
                                "required": "on",
                                "choices": "",
                                "default_value": "",
                                "help_text": "",
                            },
                            {
                                "label": "Pesan",
                                "field_type": "multiline",
                                "required": "on",
                                "choices": "",
                                "default_value": "",
                                "help_text": "",
                            },
                        ]
                    ),
                    "to_address": "petugas@example.com",
                    "from_address": "situs@example.com",
                    "subject": "Pengaduan baru",
                }
            ),
        )
        page = FeedbackFormPage.objects.get(slug="pengaduan")
        self.assertEqual(
            [field.clean_name for field in page.form_fields.all()], ["nama", "pesan"]
        )
