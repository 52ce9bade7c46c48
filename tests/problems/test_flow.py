"""The whole flow: open, report, assign, work, wait, resolve, verify; the right
people mailed at each step, each step's time recorded, every step an event."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from audit.models import Event
from audit.problems import flow, opening
from audit.problems.models import CoordinationEntry, Problem, ProblemStep
from tests.problems.utils import People, person

S = Problem.Status


class FlowTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()

    def take(self, problem, name, user, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return flow.take(problem, name, user=user, **kwargs)

    def mailed(self):
        """Recipients of each mail sent since the last call, and their subjects."""
        sent = [(sorted(m.to), m.subject) for m in mail.outbox]
        mail.outbox.clear()
        return sent

    def test_a_problem_goes_through_its_whole_flow(self):
        start = timezone.now().replace(microsecond=0)
        with time_machine.travel(start, tick=False):
            with self.captureOnCommitCallbacks(execute=True):
                problem = opening.open_by_hand(
                    user=self.officer, title="Halaman layanan kosong", severity="high"
                )
        # Officers are told a problem is there to report, in Indonesian.
        self.assertEqual(
            self.mailed(),
            [
                (
                    ["dewi@example.go.id", "rina@example.go.id"],
                    "Masalah baru untuk dilaporkan: Halaman layanan kosong",
                )
            ],
        )
        times = {}
        script = [
            ("report", self.officer, {}, ["budi@example.go.id"]),
            (
                "assign",
                self.supervisor,
                {"assignee": self.operator, "note": "Periksa server hari ini."},
                ["agus@example.go.id"],
            ),
            ("start", self.operator, {}, []),
            ("wait_third_party", self.operator, {"note": "Menunggu vendor."}, []),
            ("wait_finance", self.operator, {}, []),
            ("resume", self.operator, {}, []),
            (
                "resolve",
                self.operator,
                {"note": "Disk dibersihkan."},
                ["budi@example.go.id"],
            ),
            ("verify", self.supervisor, {}, []),
        ]
        for minutes, (name, user, kwargs, recipients) in enumerate(script, start=1):
            at = start + timedelta(minutes=minutes * 7)
            with time_machine.travel(at, tick=False):
                problem = self.take(problem, name, user, **kwargs)
            times[name] = at
            self.assertEqual(
                [to for to, _subject in self.mailed()],
                [recipients] if recipients else [],
                name,
            )

        problem.refresh_from_db()
        self.assertEqual(problem.status, S.VERIFIED)
        self.assertEqual(problem.opened_at, start)
        self.assertEqual(problem.reported_at, times["report"])
        self.assertEqual(problem.reported_by, self.officer)
        self.assertEqual(problem.assigned_at, times["assign"])
        self.assertEqual(problem.assigned_by, self.supervisor)
        self.assertEqual(problem.assigned_to, self.operator)
        self.assertEqual(problem.instruction, "Periksa server hari ini.")
        self.assertEqual(problem.started_at, times["start"])
        self.assertEqual(problem.resolved_at, times["resolve"])
        self.assertEqual(problem.resolution, "Disk dibersihkan.")
        self.assertEqual(problem.verified_at, times["verify"])
        self.assertEqual(problem.verified_by, self.supervisor)

        steps = list(problem.steps.values_list("to_status", "at", "actor__username"))
        self.assertEqual(
            steps,
            [
                (S.OPEN, start, "dewi"),
                (S.REPORTED, times["report"], "dewi"),
                (S.ASSIGNED, times["assign"], "budi"),
                (S.IN_PROGRESS, times["start"], "agus"),
                (S.WAITING_THIRD_PARTY, times["wait_third_party"], "agus"),
                (S.WAITING_FINANCE, times["wait_finance"], "agus"),
                (S.IN_PROGRESS, times["resume"], "agus"),
                (S.RESOLVED, times["resolve"], "agus"),
                (S.VERIFIED, times["verify"], "budi"),
            ],
        )
        actions = list(
            Event.objects.filter(
                object_type="problems.problem", object_id=str(problem.pk)
            )
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(
            actions,
            [
                "problems.opened",
                "problems.reported",
                "problems.assigned",
                "problems.started",
                "problems.waiting",
                "problems.waiting",
                "problems.started",
                "problems.resolved",
                "problems.verified",
            ],
        )

    def test_the_assignment_mail_carries_the_instruction_and_the_admin_link(self):
        problem = Problem.objects.create(title="Sertifikat habis", status=S.REPORTED)
        self.take(
            problem,
            "assign",
            self.supervisor,
            assignee=self.operator,
            note="Perpanjang.",
        )
        (message,) = mail.outbox
        self.assertEqual(
            message.subject, "Masalah ditugaskan kepada Anda: Sertifikat habis"
        )
        self.assertIn("Perpanjang.", message.body)
        self.assertIn(f"/admin/problems/{problem.pk}/", message.body)
        self.assertIn("Budi", message.body)

    def test_sending_back_mails_the_operator_and_clears_the_resolution_time(self):
        problem = Problem.objects.create(
            title="Formulir rusak",
            status=S.RESOLVED,
            assigned_to=self.operator,
            resolved_at=timezone.now(),
            resolution="Sudah.",
        )
        with self.assertRaises(flow.FlowError):
            self.take(problem, "reopen", self.supervisor, note="  ")
        problem = self.take(
            problem, "reopen", self.supervisor, note="Masih rusak di HP."
        )
        self.assertEqual(problem.status, S.IN_PROGRESS)
        self.assertIsNone(problem.resolved_at)
        (message,) = mail.outbox
        self.assertEqual(message.to, ["agus@example.go.id"])
        self.assertIn("Masih rusak di HP.", message.body)
        self.assertEqual(Event.objects.filter(action="problems.reopened").count(), 1)

    def test_a_mail_server_down_never_undoes_the_step(self):
        problem = Problem.objects.create(title="Backup gagal", status=S.OPEN)
        with self.settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=1,
            EMAIL_TIMEOUT=2,
        ):
            problem = self.take(problem, "report", self.officer)
        problem.refresh_from_db()
        self.assertEqual(problem.status, S.REPORTED)
        failed = Event.objects.get(action="problems.mail_failed")
        self.assertEqual(failed.object_id, str(problem.pk))

    def test_coordination_entries_are_recorded_with_an_event(self):
        problem = Problem.objects.create(
            title="Hosting penuh", status=S.IN_PROGRESS, assigned_to=self.operator
        )
        contacted = timezone.now() - timedelta(hours=1)
        flow.add_coordination(
            problem,
            user=self.operator,
            party=CoordinationEntry.Party.HOSTING,
            party_name="PT Awan",
            contacted_at=contacted,
            agreed="Kuota ditambah besok.",
        )
        entry = problem.coordination.get()
        self.assertEqual((entry.party_name, entry.contacted_at), ("PT Awan", contacted))
        self.assertEqual(entry.created_by, self.operator)
        event = Event.objects.get(action="problems.coordinated")
        self.assertIn("PT Awan", event.details)
        with self.assertRaises(flow.FlowError):
            flow.add_coordination(
                problem,
                user=self.operator2,
                party="vendor",
                party_name="X",
                contacted_at=contacted,
                agreed="-",
            )


class RefusalTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()

    def test_an_operator_can_neither_assign_nor_verify(self):
        reported = Problem.objects.create(title="A", status=S.REPORTED)
        resolved = Problem.objects.create(
            title="B", status=S.RESOLVED, assigned_to=self.operator
        )
        with self.assertRaises(flow.FlowError):
            flow.take(
                reported, "assign", user=self.operator, assignee=self.operator, note="x"
            )
        with self.assertRaises(flow.FlowError):
            flow.take(resolved, "verify", user=self.operator)
        self.assertEqual(
            list(Problem.objects.order_by("pk").values_list("status", flat=True)),
            [S.REPORTED, S.RESOLVED],
        )
        self.assertFalse(ProblemStep.objects.exists())

    def test_only_the_assigned_operator_works_on_it(self):
        problem = Problem.objects.create(
            title="C", status=S.ASSIGNED, assigned_to=self.operator
        )
        for user in (self.operator2, self.officer, self.supervisor):
            with self.subTest(user=user.username), self.assertRaises(flow.FlowError):
                flow.take(problem, "start", user=user)
        flow.take(problem, "start", user=self.operator)

    def test_a_step_from_a_stale_form_is_refused(self):
        problem = Problem.objects.create(title="D", status=S.OPEN)
        flow.take(problem, "report", user=self.officer)
        with self.assertRaises(flow.FlowError):
            flow.take(problem, "report", user=self.officer2)
        self.assertEqual(Problem.objects.get().steps.count(), 1)


class SuperuserTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()
        cls.admin = person("admin", None, is_superuser=True, is_staff=True)

    def test_a_superuser_may_take_every_step(self):
        problem = Problem.objects.create(title="E", status=S.OPEN)
        for name, kwargs in (
            ("report", {}),
            ("assign", {"assignee": self.operator, "note": "Segera."}),
            ("start", {}),
            ("resolve", {"note": "Beres."}),
            ("verify", {}),
        ):
            problem = flow.take(problem, name, user=self.admin, **kwargs)
        self.assertEqual(problem.status, S.VERIFIED)
