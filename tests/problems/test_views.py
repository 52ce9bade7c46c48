"""The admin screens: who sees what, field errors, constant queries, the panel."""

from __future__ import annotations

from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.problems.models import Problem
from tests.problems.utils import People

S = Problem.Status


class ViewTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()
        cls.mine = Problem.objects.create(
            title="Milik Agus",
            status=S.ASSIGNED,
            assigned_to=cls.operator,
            severity="high",
        )
        cls.theirs = Problem.objects.create(
            title="Milik Sari", status=S.ASSIGNED, assigned_to=cls.operator2
        )
        cls.fresh = Problem.objects.create(title="Baru dibuka", source="outage")

    def login(self, user):
        self.client.force_login(user)

    def test_officers_and_the_supervisor_see_every_problem(self):
        for user in (self.officer, self.supervisor):
            self.login(user)
            response = self.client.get(reverse("problems:index"))
            self.assertContains(response, "Milik Agus")
            self.assertContains(response, "Milik Sari")
            self.assertContains(response, "Baru dibuka")

    def test_an_operator_sees_only_the_problems_assigned_to_them(self):
        self.login(self.operator)
        response = self.client.get(reverse("problems:index"))
        self.assertContains(response, "Milik Agus")
        self.assertNotContains(response, "Milik Sari")
        self.assertNotContains(response, "Baru dibuka")
        detail = self.client.get(reverse("problems:detail", args=[self.theirs.pk]))
        self.assertEqual(detail.status_code, 404)
        self.assertEqual(self.client.get(reverse("problems:create")).status_code, 403)

    def test_someone_without_a_role_gets_403_and_no_menu(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(reverse("problems:index")).status_code, 403)
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(home, reverse("problems:index"))

    def test_the_filters_narrow_the_list(self):
        self.login(self.officer)
        url = reverse("problems:index")
        response = self.client.get(url, {"source": "outage"})
        self.assertContains(response, "Baru dibuka")
        self.assertNotContains(response, "Milik Agus")
        response = self.client.get(url, {"severity": "high", "status": "assigned"})
        self.assertContains(response, "Milik Agus")
        self.assertNotContains(response, "Milik Sari")
        self.login(self.operator2)
        response = self.client.get(url, {"mine": "true"})
        self.assertContains(response, "Milik Sari")

    def test_the_detail_shows_only_the_actions_allowed(self):
        self.login(self.operator)
        response = self.client.get(reverse("problems:detail", args=[self.mine.pk]))
        self.assertContains(response, 'data-problem-step="start"')
        self.assertNotContains(response, 'data-problem-step="assign"')
        # An operator posting a supervisor's step is refused.
        response = self.client.post(
            reverse("problems:detail", args=[self.mine.pk]),
            {
                "action": "assign",
                "assign-assignee": self.operator.pk,
                "assign-note": "x",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.login(self.supervisor)
        response = self.client.get(reverse("problems:detail", args=[self.mine.pk]))
        self.assertContains(response, 'data-problem-step="assign"')
        self.assertNotContains(response, 'data-problem-step="start"')

    def test_assigning_without_an_instruction_is_a_field_error(self):
        reported = Problem.objects.create(title="Dilaporkan", status=S.REPORTED)
        self.login(self.supervisor)
        response = self.client.post(
            reverse("problems:detail", args=[reported.pk]),
            {
                "action": "assign",
                "assign-assignee": self.outsider.pk,
                "assign-note": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["actions"][0][1]
        self.assertEqual(set(form.errors), {"assignee", "note"})
        reported.refresh_from_db()
        self.assertEqual(reported.status, S.REPORTED)

    def test_opening_a_problem_by_hand(self):
        self.login(self.officer)
        url = reverse("problems:create")
        response = self.client.post(url, {"title": "", "severity": "extreme"})
        self.assertEqual(set(response.context["form"].errors), {"title", "severity"})
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                url, {"title": "Galeri foto error", "severity": "medium"}
            )
        problem = Problem.objects.get(title="Galeri foto error")
        self.assertRedirects(response, reverse("problems:detail", args=[problem.pk]))
        self.assertEqual((problem.opened_by, problem.source), (self.officer, "manual"))
        self.assertEqual(len(mail.outbox), 1)

    def test_recording_a_contact_with_a_bad_time_is_a_field_error(self):
        self.login(self.operator)
        url = reverse("problems:detail", args=[self.mine.pk])
        response = self.client.post(
            url,
            {
                "action": "coordinate",
                "party": "finance",
                "party_name": "Bagian Keuangan",
                "contacted_at": "kemarin",
                "agreed": "",
            },
        )
        self.assertEqual(
            set(response.context["coordination_form"].errors),
            {"contacted_at", "agreed"},
        )
        response = self.client.post(
            url,
            {
                "action": "coordinate",
                "party": "finance",
                "party_name": "Bagian Keuangan",
                "contacted_at": "2026-12-01 10:00",
                "agreed": "Anggaran cair minggu depan.",
            },
        )
        self.assertRedirects(response, url)
        response = self.client.get(url)
        self.assertContains(response, "Anggaran cair minggu depan.")
        self.assertContains(response, "Keuangan: Bagian Keuangan")


class QueryCountTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()

    def count(self, n):
        existing = Problem.objects.count()
        Problem.objects.bulk_create(
            Problem(
                title=f"Masalah {existing + i}",
                status=S.IN_PROGRESS,
                assigned_to=self.operator if i % 2 else self.operator2,
            )
            for i in range(n - existing)
        )
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("problems:index"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["object_list"]), n)
        return len(queries)

    def test_the_listing_costs_the_same_queries_at_5_and_50_problems(self):
        self.client.force_login(self.officer)
        self.assertEqual(self.count(5), self.count(50))


class PanelTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()
        Problem.objects.create(title="Perlu dilaporkan", status=S.OPEN)
        Problem.objects.create(title="Perlu ditugaskan", status=S.REPORTED)
        Problem.objects.create(title="Perlu diverifikasi", status=S.RESOLVED)
        Problem.objects.create(
            title="Kerjaan Agus", status=S.IN_PROGRESS, assigned_to=cls.operator
        )
        Problem.objects.create(
            title="Agus menunggu vendor",
            status=S.WAITING_THIRD_PARTY,
            assigned_to=cls.operator,
        )

    def panel(self, user):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Menunggu Anda")
        html = response.content.decode()
        start = html.index('id="problems-waiting-for-you')
        return html[start : start + 4000]

    def test_each_person_sees_what_waits_for_them(self):
        expected = {
            self.officer: ["Perlu dilaporkan"],
            self.supervisor: ["Perlu ditugaskan", "Perlu diverifikasi"],
            self.operator: ["Kerjaan Agus", "Agus menunggu vendor"],
            self.operator2: [],
        }
        titles = [
            "Perlu dilaporkan",
            "Perlu ditugaskan",
            "Perlu diverifikasi",
            "Kerjaan Agus",
            "Agus menunggu vendor",
        ]
        for user, wanted in expected.items():
            with self.subTest(user=user.username):
                panel = self.panel(user)
                shown = [t for t in titles if t in panel]
                self.assertEqual(shown, wanted)
        self.assertIn(
            "Tidak ada masalah yang menunggu Anda.", self.panel(self.operator2)
        )
