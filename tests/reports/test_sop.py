"""The SOP as versioned data: the seeded version, a revision in the admin, and
reports that keep the standards of their own time."""

from __future__ import annotations

import datetime
import re

import time_machine
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from audit.models import Event
from audit.reports.building import build_report
from audit.reports.models import ImmutableRecordError, SopVersion
from audit.reports.periods import month
from audit.reports.sop import revise, standards, version_in_force
from home.roles import OFFICERS, SUPERVISOR, ensure_roles
from tests.home.workflow_base import at, make_user


class SeededSopTests(TestCase):
    def test_the_current_version_is_seeded_with_its_seven_duties(self):
        version = version_in_force(datetime.date(2026, 11, 1))
        self.assertEqual(version.number, "001/SOP/HAT.PEN/F/2019")
        self.assertEqual(version.approved_on, datetime.date(2019, 1, 2))
        self.assertEqual(version.effective_from, datetime.date(2019, 1, 2))
        self.assertEqual(version.approved_by, "Kepala Balai Kesehatan Penerbangan")
        self.assertIn("umpan balik dari masyarakat tidak terbaca", version.warning)
        self.assertIn("feedback from the public goes unread", version.warning_en)
        self.assertEqual(
            standards(version), {1: 10, 2: 30, 3: 10, 4: 50, 5: 15, 6: 10, 7: 180}
        )
        self.assertEqual(version.total_minutes, 305)
        sixth = version.activities.get(order=6)
        self.assertEqual(sixth.executors(), ["Atasan Langsung"])

    def test_nothing_is_in_force_before_the_sop_was_approved(self):
        self.assertIsNone(version_in_force(datetime.date(2018, 12, 31)))

    def test_a_stored_version_cannot_be_edited(self):
        version = version_in_force()
        version.title = "Lain"
        with self.assertRaises(ImmutableRecordError):
            version.save()


class RevisionTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.officer = make_user("oki", OFFICERS)
        cls.supervisor = make_user("sari", SUPERVISOR)

    def revision_data(self, **changes):
        base = version_in_force()
        data = {
            name: getattr(base, name) or ""
            for name in (
                "number",
                "title",
                "title_en",
                "approved_by",
                "approved_by_en",
                "legal_basis",
                "legal_basis_en",
                "related_sops",
                "related_sops_en",
                "equipment",
                "equipment_en",
                "warning",
                "warning_en",
                "recording",
                "recording_en",
            )
        }
        data.update(
            approved_on="2019-01-02",
            effective_from="2026-12-10",
            revised_on="2026-12-01",
            **{
                "activity-TOTAL_FORMS": "7",
                "activity-INITIAL_FORMS": "7",
                "activity-MIN_NUM_FORMS": "7",
                "activity-MAX_NUM_FORMS": "7",
            },
        )
        for n, activity in enumerate(base.activities.all()):
            for name in (
                "text",
                "text_en",
                "requirements",
                "requirements_en",
                "output",
                "output_en",
                "standard_minutes",
            ):
                data[f"activity-{n}-{name}"] = getattr(activity, name)
            for name in ("officer_1", "officer_2", "supervisor"):
                if getattr(activity, name):
                    data[f"activity-{n}-{name}"] = "on"
        data.update(changes)
        return data

    def test_an_officer_revises_the_sop_as_a_new_version(self):
        old = version_in_force()
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("reports:sop_revise"),
            self.revision_data(**{"activity-5-standard_minutes": "20"}),
        )
        self.assertEqual(response.status_code, 302)
        new = SopVersion.objects.get(effective_from=datetime.date(2026, 12, 10))
        self.assertEqual(new.revised_on, datetime.date(2026, 12, 1))
        self.assertEqual(standards(new)[6], 20)
        # The old version is untouched and still in force before the new date.
        self.assertEqual(standards(SopVersion.objects.get(pk=old.pk))[6], 10)
        self.assertEqual(version_in_force(datetime.date(2026, 12, 9)), old)
        self.assertEqual(version_in_force(datetime.date(2026, 12, 10)), new)
        event = Event.objects.get(action="reports.sop_revised")
        self.assertEqual(event.actor, "oki")
        self.assertIn('"6":[10,20]', event.details)

    def test_a_revision_must_come_into_force_after_the_one_it_replaces(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("reports:sop_revise"),
            self.revision_data(effective_from="2018-01-01"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFormError(
            response.context["form"],
            "effective_from",
            "Revisi berlaku setelah versi yang digantikannya.",
        )
        self.assertEqual(SopVersion.objects.count(), 1)

    def test_the_supervisor_may_not_revise_the_sop(self):
        self.client.force_login(self.supervisor)
        response = self.client.get(reverse("reports:sop_revise"))
        self.assertEqual(response.status_code, 403)

    def test_a_report_built_before_a_revision_keeps_the_old_standard_times(self):
        with time_machine.travel(at(2026, 12, 1, 7), tick=True):
            november = build_report(month("2026-11"), actor="system:test")
        revise(
            version_in_force(),
            effective_from=datetime.date(2026, 12, 10),
            revised_on=datetime.date(2026, 12, 1),
            fields={},
            activities={6: {"standard_minutes": 20}},
            actor=self.officer,
        )
        november.refresh_from_db()
        self.assertEqual(november.data["board"][5]["standard_minutes"], 10)
        self.client.force_login(self.supervisor)
        response = self.client.get(reverse("reports:detail", args=[november.pk]))
        row = re.search(
            r"<td>6\. Memerintahkan.*?</tr>", response.content.decode(), re.S
        )
        self.assertIn("<td>10</td>", row.group(0))
        # Built again after the revision, November still reads November's SOP;
        # December reads the revision.
        again = build_report(month("2026-11"), actor="system:test")
        self.assertEqual(again.data["board"][5]["standard_minutes"], 10)
        december = build_report(month("2026-12"), actor="system:test")
        self.assertEqual(december.data["board"][5]["standard_minutes"], 20)
