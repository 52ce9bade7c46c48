import csv
import io
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.scheduler.firing import fire
from cms.scheduler.models import JobRun, Outcome, Trigger
from tests.scheduler import jobs
from tests.scheduler.utils import SchedulerTestCase, register_job


class FailingJobTest(SchedulerTestCase):
    def setUp(self):
        register_job(self, jobs.failing_job())

    def fire_failing_job(self):
        with self.captureOnCommitCallbacks(execute=True):
            fire(jobs.FAILING_JOB, timezone.now())
        return JobRun.objects.get(job=jobs.FAILING_JOB)

    def test_a_failing_job_records_a_short_error_without_secrets(self):
        with self.assertLogs("cms.scheduler.recording", "ERROR") as logs:
            run = self.fire_failing_job()
        self.assertEqual(run.outcome, Outcome.FAILED)
        self.assertIsNotNone(run.started_at)
        self.assertIsNotNone(run.finished_at)
        self.assertGreaterEqual(run.duration, timedelta(0))
        self.assertTrue(run.error.startswith("RuntimeError: Upload failed"))
        self.assertNotIn("s3cr3t", run.error)
        self.assertNotIn("hunter2", run.error)
        self.assertNotIn("Traceback", run.error)
        # The traceback goes to the log instead.
        self.assertIn("Traceback", "\n".join(logs.output))

    def test_a_failing_job_shows_on_the_dashboard(self):
        with self.assertLogs("cms.scheduler.recording", "ERROR"):
            self.fire_failing_job()
        self.client.force_login(self.admin)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Failing test job")
        self.assertContains(response, "RuntimeError: Upload failed")
        self.assertContains(response, 'id="scheduler-jobs-section"')

    def test_the_dashboard_panel_is_hidden_from_editors_without_permission(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, 'id="scheduler-jobs-section"')


class RunNowTest(SchedulerTestCase):
    def setUp(self):
        jobs.calls.clear()
        register_job(self, jobs.counting_job())
        self.url = reverse("scheduler:run_job", args=[jobs.COUNTING_JOB])

    def test_an_officer_runs_a_job_now_and_it_is_recorded_as_theirs(self):
        self.client.force_login(self.officer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"next": "/admin/"})
        self.assertRedirects(response, "/admin/")
        run = JobRun.objects.get(job=jobs.COUNTING_JOB)
        self.assertEqual(run.trigger, Trigger.RUN_NOW)
        self.assertEqual(run.requested_by, self.officer)
        self.assertEqual(run.outcome, Outcome.SUCCEEDED)
        self.assertEqual(jobs.calls, ["ran"])
        self.assertIn("officer", run.trigger_display)

    def test_an_editor_without_the_permission_cannot_run_a_job(self):
        self.client.force_login(self.editor)
        response = self.client.post(self.url)
        # Wagtail turns PermissionDenied into a redirect to the dashboard.
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertFalse(JobRun.objects.exists())

    def test_run_now_needs_a_post(self):
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_an_unknown_job_is_not_found(self):
        self.client.force_login(self.officer)
        url = reverse("scheduler:run_job", args=["no.such.job"])
        self.assertEqual(self.client.post(url).status_code, 404)


class JobRunReportTest(SchedulerTestCase):
    def setUp(self):
        now = timezone.now()
        self.ok = JobRun.objects.create(
            job="wagtail.publish_scheduled",
            scheduled_for=now - timedelta(minutes=5),
            started_at=now - timedelta(minutes=5),
            finished_at=now - timedelta(minutes=5) + timedelta(seconds=2),
            duration=timedelta(seconds=2),
            outcome=Outcome.SUCCEEDED,
        )
        self.failed = JobRun.objects.create(
            job="scheduler.prune_job_runs",
            scheduled_for=now - timedelta(days=3),
            outcome=Outcome.FAILED,
            trigger=Trigger.LATE,
            error="OSError: disk full",
        )
        self.url = reverse("scheduler:job_runs")

    def test_the_report_lists_runs_with_filters(self):
        self.client.force_login(self.officer)
        response = self.client.get(self.url, {"outcome": "failed"})
        self.assertEqual(list(response.context["object_list"]), [self.failed])
        self.assertContains(response, "OSError: disk full")
        response = self.client.get(self.url, {"job": "wagtail.publish_scheduled"})
        self.assertEqual(list(response.context["object_list"]), [self.ok])
        since = (timezone.localdate() - timedelta(days=1)).isoformat()
        response = self.client.get(self.url, {"scheduled_for_from": since})
        self.assertEqual(list(response.context["object_list"]), [self.ok])

    def test_the_csv_export_is_readable(self):
        self.client.force_login(self.officer)
        response = self.client.get(self.url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("job-runs-", response["Content-Disposition"])
        content = b"".join(response.streaming_content).decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(content)))
        self.assertEqual(len(rows), 2)
        # Headings and labels in the admin's language (Indonesian by default).
        self.assertEqual(rows[0]["Tugas"], "wagtail.publish_scheduled")
        self.assertEqual(rows[0]["Hasil"], "Berhasil")
        self.assertEqual(rows[0]["Durasi (detik)"], "2.0")
        self.assertEqual(rows[1]["Galat"], "OSError: disk full")
        self.assertEqual(rows[1]["Pemicu"], "Susulan (terlambat)")

    def test_the_xlsx_export_has_the_runs_in_its_cells(self):
        self.client.force_login(self.officer)
        response = self.client.get(self.url, {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response["Content-Type"])
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        rows = list(workbook.active.iter_rows(values_only=True))
        headings = rows[0]
        self.assertEqual(headings[:3], ("Tugas", "Nama", "Pemicu"))
        cells = [dict(zip(headings, row, strict=True)) for row in rows[1:]]
        self.assertEqual(len(cells), 2)
        self.assertEqual(cells[0]["Tugas"], "wagtail.publish_scheduled")
        self.assertEqual(
            cells[0]["Nama"], "Menayangkan dan menurunkan halaman terjadwal"
        )
        self.assertEqual(cells[0]["Hasil"], "Berhasil")
        self.assertEqual(cells[0]["Durasi (detik)"], 2.0)
        self.assertIsInstance(cells[0]["Jatuh tempo"], datetime)
        self.assertEqual(cells[1]["Pemicu"], "Susulan (terlambat)")
        self.assertEqual(cells[1]["Galat"], "OSError: disk full")

    def test_editors_without_permission_cannot_see_the_report(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url)
        self.assertRedirects(response, reverse("wagtailadmin_home"))
