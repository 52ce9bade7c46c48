"""Each source produces its event when the real action is done."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from audit.models import Event
from home.models import SiteSettings
from tests.audit.utils import PASSWORD, AuditTestCase, editors_group, make_user, newest
from tests.home.builders import build_home

TYPED_PASSWORD = "Typed-Wr0ng-Passphrase-4-Audit"


class WagtailLogTest(AuditTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = build_home()

    def test_publishing_a_page_records_it(self):
        self.home.title = "Beranda baru"
        revision = self.home.save_revision(user=self.editor)
        revision.publish(user=self.admin)
        event = newest("wagtail.publish")
        self.assertEqual(event.actor, "admin")
        self.assertEqual(event.actor_id, self.admin.pk)
        self.assertEqual(event.object_type, "wagtailcore.page")
        self.assertEqual(event.object_id, str(self.home.pk))
        self.assertEqual(event.object_label, "Beranda baru")
        self.assertEqual(event.details_dict["revision"], revision.pk)

    def test_a_workflow_approval_is_recorded(self):
        moderators = Group.objects.create(name="Pengawas")
        self.admin.groups.add(moderators)
        workflow = Workflow.objects.create(name="Review")
        task = GroupApprovalTask.objects.create(name="Officer review")
        task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=self.home)

        self.home.save_revision(user=self.editor)
        state = workflow.start(self.home, user=self.editor)
        state.current_task_state.approve(user=self.admin)

        started = newest("wagtail.workflow.start")
        approved = newest("wagtail.workflow.approve")
        self.assertEqual(started.actor, "editor")
        self.assertEqual(approved.actor, "admin")
        self.assertEqual(approved.object_id, str(self.home.pk))
        self.assertGreater(approved.sequence, started.sequence)

    def test_uploading_a_document_in_the_admin_is_recorded(self):
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Laporan tahunan",
                "file": SimpleUploadedFile("laporan.txt", b"isi laporan"),
                "collection": "1",
            },
        )
        self.assertEqual(response.status_code, 302)
        event = newest("wagtail.create")
        self.assertEqual(event.object_type, "wagtaildocs.document")
        self.assertEqual(event.object_label, "Laporan tahunan")
        self.assertEqual(event.actor, "admin")
        self.assertEqual(len(event.client), 32)  # the admin's client, hashed

    def test_editing_a_site_setting_in_the_admin_is_recorded(self):
        self.client.force_login(self.admin)
        site = Site.objects.get(is_default_site=True)
        settings_row = SiteSettings.for_site(site)
        url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
        response = self.client.post(url, {"phone": "021-555-0100", "address": ""})
        self.assertEqual(response.status_code, 302, response.content[:500])
        event = newest("wagtail.edit")
        self.assertEqual(event.object_type, "home.sitesettings")
        self.assertEqual(event.object_id, str(settings_row.pk))
        self.assertEqual(event.actor, "admin")

    def test_changing_a_groups_permissions_in_the_admin_is_recorded(self):
        group = Group.objects.create(name="Subdivisi Humas")
        permission = Permission.objects.get(codename="view_event")
        self.client.force_login(self.admin)
        management = {}
        for prefix in ("page", "document", "image", "collection"):
            management.update(
                {
                    f"{prefix}_permissions-TOTAL_FORMS": "0",
                    f"{prefix}_permissions-INITIAL_FORMS": "0",
                    f"{prefix}_permissions-MAX_NUM_FORMS": "1000",
                }
            )
        response = self.client.post(
            reverse("wagtailusers_groups:edit", args=[group.pk]),
            {"name": "Subdivisi Humas", "permissions": [permission.pk], **management},
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        changed = newest("auth.group_permissions_changed")
        self.assertEqual(changed.details_dict, {"added": ["audit.view_event"]})
        self.assertEqual(changed.object_label, "Subdivisi Humas")
        self.assertEqual(changed.actor, "admin")
        edited = newest("wagtail.edit")
        self.assertEqual(edited.object_type, "auth.group")

    def test_adding_a_user_to_a_group_is_recorded(self):
        self.editor.groups.add(editors_group())
        event = newest("auth.user_groups_changed")
        self.assertEqual(event.details_dict, {"added": ["Editors"]})
        self.assertEqual(event.object_label, "editor")


class LoginTest(AuditTestCase):
    def login(self, password, username="editor", **extra):
        return self.client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password},
            **extra,
        )

    def test_login_and_logout_are_recorded(self):
        response = self.login(PASSWORD)
        self.assertEqual(response.status_code, 302)
        login = newest("auth.login")
        self.assertEqual((login.actor, login.object_label), ("editor", "editor"))
        self.client.post(reverse("wagtailadmin_logout"))
        self.assertEqual(newest("auth.logout").actor, "editor")

    def test_a_lockout_is_recorded_once_however_often_the_locked_user_tries(self):
        for _attempt in range(9):
            self.login(TYPED_PASSWORD, REMOTE_ADDR="198.51.100.9")
        # The five failures that led to the lockout are events; the four
        # attempts refused while locked are not (visitor activity counts them).
        failed = Event.objects.filter(action="auth.login_failed")
        self.assertEqual(failed.count(), 5)
        self.assertEqual(failed.first().details_dict, {"username": "editor"})
        lockouts = Event.objects.filter(action="auth.locked_out")
        self.assertEqual(lockouts.count(), 1)
        self.assertEqual(lockouts.get().details_dict, {"username": "editor"})
        # Even the right password is refused while locked, and recorded as such.
        response = self.login(PASSWORD, REMOTE_ADDR="198.51.100.9")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(lockouts.count(), 1)

    def test_a_new_lockout_after_a_reset_is_recorded_again(self):
        from axes.utils import reset

        for _attempt in range(6):
            self.login(TYPED_PASSWORD, REMOTE_ADDR="198.51.100.9")
        reset(username="editor")
        for _attempt in range(6):
            self.login(TYPED_PASSWORD, REMOTE_ADDR="198.51.100.9")
        self.assertEqual(Event.objects.filter(action="auth.locked_out").count(), 2)

    @override_settings(CMS_TRUSTED_PROXY_COUNT=0)
    def test_rotating_x_forwarded_for_does_not_escape_a_lockout_without_a_proxy(self):
        for attempt in range(5):
            self.login(
                TYPED_PASSWORD,
                REMOTE_ADDR="198.51.100.9",
                HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}",
            )
        response = self.login(
            PASSWORD, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="10.9.9.9"
        )
        self.assertEqual(response.status_code, 429)
        from axes.models import AccessAttempt

        self.assertEqual(
            list(AccessAttempt.objects.values_list("ip_address", flat=True)),
            ["198.51.100.9"],
        )

    @override_settings(CMS_TRUSTED_PROXY_COUNT=1)
    def test_behind_a_trusted_proxy_axes_sees_the_forwarded_client(self):
        from axes.models import AccessAttempt

        self.login(
            TYPED_PASSWORD,
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50",  # spoofed, then real
        )
        self.assertEqual(
            list(AccessAttempt.objects.values_list("ip_address", flat=True)),
            ["203.0.113.50"],
        )

    def test_no_typed_password_is_stored_anywhere_in_the_database(self):
        for _attempt in range(6):
            self.login(TYPED_PASSWORD, REMOTE_ADDR="198.51.100.9")
        self.login(TYPED_PASSWORD, username="nobody-such")
        self.login(PASSWORD, username="officer")
        self.assertTrue(Event.objects.filter(action="auth.login").exists())
        self.assertTrue(Event.objects.filter(action="auth.locked_out").exists())

        found = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                for row in cursor.fetchall():
                    text = " ".join(str(value) for value in row)
                    if TYPED_PASSWORD in text or PASSWORD in text:
                        found.append(table)
        self.assertEqual(found, [])


class UserChangesTest(AuditTestCase):
    def test_creating_a_user_in_the_admin_is_recorded(self):
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": "budi",
                "email": "budi@example.go.id",
                "first_name": "Budi",
                "last_name": "Santoso",
                "password1": "Budi-Secret-Passw0rd-99",
                "password2": "Budi-Secret-Passw0rd-99",
                "is_active": "on",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:800])
        budi = get_user_model().objects.get(username="budi")
        event = newest("wagtail.create")
        self.assertEqual(
            (event.object_type, event.object_id), ("auth.user", str(budi.pk))
        )
        self.assertNotIn("Budi-Secret", event.details)

    def test_a_user_deleted_later_keeps_the_label(self):
        user = make_user("sementara")
        from audit.trail import record

        record("audit.verified", actor=user, obj=user)
        user.delete()
        event = newest("audit.verified")
        self.assertEqual((event.actor, event.object_label), ("sementara", "sementara"))
