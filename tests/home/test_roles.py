"""Each role has exactly the rights its people need (home/roles.py)."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from audit.models import Event
from home.models import SectionPage, Subdivision
from home.roles import OFFICERS, OPERATOR, SUPERVISOR, ensure_roles
from tests.home.workflow_base import ModerationTestCase, article_form


class RoleTests(ModerationTestCase):
    def test_the_roles_exist_with_indonesian_names(self):
        names = set(Group.objects.values_list("name", flat=True))
        self.assertTrue(
            {
                OFFICERS,
                SUPERVISOR,
                OPERATOR,
                "Kontributor Tata Usaha",
                "Kontributor Pelayanan Kesehatan Penerbangan",
                "Kontributor Humas",
            }
            <= names
        )

    def test_ensure_roles_is_idempotent(self):
        counts = (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            Collection.objects.count(),
            Subdivision.objects.count(),
        )
        ensure_roles()
        ensure_roles()
        self.assertEqual(
            counts,
            (
                Group.objects.count(),
                GroupPagePermission.objects.count(),
                GroupCollectionPermission.objects.count(),
                Collection.objects.count(),
                Subdivision.objects.count(),
            ),
        )

    def test_a_contributor_edits_only_inside_their_section_and_never_publishes(self):
        self.assertTrue(self.humas.permissions_for_user(self.citra).can_add_subpage())
        self.assertTrue(self.news.permissions_for_user(self.citra).can_edit())
        self.assertFalse(self.news.permissions_for_user(self.citra).can_publish())
        self.assertFalse(
            self.tata_usaha.permissions_for_user(self.citra).can_add_subpage()
        )
        self.assertFalse(self.home.permissions_for_user(self.citra).can_edit())

        # Through the admin: "publish" only saves a draft ...
        self.login(self.citra)
        url = reverse(
            "wagtailadmin_pages:add", args=("home", "articlepage", self.news.pk)
        )
        self.client.post(url, article_form("Coba terbit", "coba-terbit", "publish"))
        page = Page.objects.get(slug="coba-terbit")
        self.assertFalse(page.live)
        self.assertIsNone(page.current_workflow_state)
        # ... and adding outside the section is refused.
        from home.models import ArticleIndexPage
        from tests.home.builders import publish

        other_news = publish(
            self.tata_usaha, ArticleIndexPage(title="Berita TU", slug="berita-tu")
        )
        url = reverse(
            "wagtailadmin_pages:add", args=("home", "articlepage", other_news.pk)
        )
        response = self.client.post(url, article_form("Di luar", "di-luar"))
        self.assertFalse(Page.objects.filter(slug="di-luar").exists())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], reverse("wagtailadmin_home"))

    def test_a_contributor_uploads_only_into_their_own_collection(self):
        humas = Subdivision.objects.get(slug="humas")
        tata_usaha = Subdivision.objects.get(slug="tata-usaha")
        self.login(self.citra)
        url = reverse("wagtaildocs:add")
        for collection, stored in (
            (tata_usaha.collection, False),
            (humas.collection, True),
        ):
            with self.subTest(collection=collection.name):
                self.client.post(
                    url,
                    {
                        "title": f"Surat {collection.name}",
                        "file": SimpleUploadedFile("surat.txt", b"isi"),
                        "collection": collection.pk,
                    },
                )
                self.assertEqual(
                    get_document_model()
                    .objects.filter(
                        title=f"Surat {collection.name}", collection=collection
                    )
                    .exists(),
                    stored,
                )

    def test_the_operator_cannot_publish_or_edit_content(self):
        perms = self.news.permissions_for_user(self.opi)
        self.assertFalse(perms.can_publish())
        self.assertFalse(perms.can_edit())
        self.assertFalse(perms.can_add_subpage())

    def test_the_supervisor_is_not_a_superuser_and_reads_reports(self):
        self.assertFalse(self.sari.is_superuser)
        for user in (self.sari, self.oki):
            with self.subTest(user=user.username):
                self.assertTrue(user.has_perm("audit.view_event"))
                self.assertTrue(user.has_perm("scheduler.view_jobschedule"))
                self.login(user)
                self.assertEqual(
                    self.client.get(reverse("audit:events")).status_code, 200
                )
        self.assertFalse(self.citra.has_perm("audit.view_event"))
        self.assertFalse(self.opi.has_perm("audit.view_event"))
        # The supervisor does not edit pages that are not waiting for them.
        self.assertFalse(self.news.permissions_for_user(self.sari).can_edit())

    def test_officers_publish_anywhere_and_manage_media_and_settings(self):
        perms = self.news.permissions_for_user(self.oki)
        self.assertTrue(perms.can_publish())
        self.assertTrue(self.home.permissions_for_user(self.oki).can_add_subpage())
        self.assertTrue(self.oki.has_perm("home.change_sitesettings"))
        from wagtail.images import get_image_model
        from wagtail.permissions import policy_registry

        images = policy_registry.get_by_type(get_image_model())
        self.assertTrue(images.user_has_permission(self.oki, "delete"))

    def test_officers_and_the_supervisor_open_the_sop_screens_contributors_do_not(self):
        screens = {
            "feedback inbox": reverse("feedback_inbox:index"),
            "backups": reverse("backups:index"),
            "monitoring": reverse("monitoring:index"),
            "audit trail": reverse("audit:events"),
        }
        for user in (self.oki, self.sari):
            self.login(user)
            for name, url in screens.items():
                with self.subTest(user=user.username, screen=name):
                    self.assertEqual(self.client.get(url).status_code, 200)
        self.assertTrue(self.oki.has_perm("home.change_feedbackitem"))
        self.assertTrue(self.oki.has_perm("backups.add_backup"))
        self.assertFalse(self.sari.has_perm("home.change_feedbackitem"))
        self.login(self.citra)
        for name, url in screens.items():
            with self.subTest(user="citra", screen=name):
                self.assertIn(self.client.get(url).status_code, (302, 403))


class AddSubdivisionTests(ModerationTestCase):
    def test_the_command_adds_section_group_collection_and_rights_once(self):
        out = StringIO()
        call_command(
            "home_add_subdivision", "Keuangan", "--name-en", "Finance", stdout=out
        )
        self.assertIn("Keuangan", out.getvalue())
        call_command("home_add_subdivision", "Keuangan", stdout=StringIO())

        subdivision = Subdivision.objects.get(slug="keuangan")
        self.assertEqual(subdivision.group.name, "Kontributor Keuangan")
        self.assertEqual(subdivision.collection.name, "Keuangan")
        section = SectionPage.objects.get(slug="keuangan")
        self.assertEqual(subdivision.section_id, section.pk)
        self.assertEqual(section.get_parent().pk, self.home.pk)
        self.assertEqual(Subdivision.objects.filter(slug="keuangan").count(), 1)
        self.assertEqual(Group.objects.filter(name="Kontributor Keuangan").count(), 1)
        self.assertEqual(
            Event.objects.filter(
                action="home.subdivision_added", object_id=str(subdivision.pk)
            ).count(),
            1,
        )

        from tests.home.workflow_base import make_user

        dina = make_user("dina", "Kontributor Keuangan")
        self.assertTrue(section.permissions_for_user(dina).can_add_subpage())
        self.assertFalse(section.permissions_for_user(dina).can_publish())
        self.assertFalse(self.humas.permissions_for_user(dina).can_add_subpage())

    def test_the_command_refuses_an_empty_name(self):
        with self.assertRaisesMessage(CommandError, "A subdivision needs a name."):
            call_command("home_add_subdivision", "  ", stdout=StringIO())

    def test_an_officer_adds_a_subdivision_in_the_admin(self):
        self.login(self.oki)
        response = self.client.post(
            reverse("subdivisions:add"),
            {"name": "Kepegawaian", "name_en": "Personnel", "slug": "kepegawaian"},
        )
        self.assertEqual(response.status_code, 302)
        subdivision = Subdivision.objects.get(slug="kepegawaian")
        self.assertEqual(subdivision.group.name, "Kontributor Kepegawaian")
        self.assertIsNotNone(subdivision.section)
        # The listing shows it; a contributor may not add one.
        self.assertContains(
            self.client.get(reverse("subdivisions:index")), "Kepegawaian"
        )
        self.login(self.citra)
        response = self.client.get(reverse("subdivisions:add"))
        self.assertEqual(response.status_code, 302)
