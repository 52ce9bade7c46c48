"""The public form keeps bots out without losing a real person."""

from __future__ import annotations

import time

import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.contrib.forms.models import FormSubmission

from home.antibot import HONEYPOT_FIELD, TOKEN_FIELD, issue_token
from home.models import FeedbackItem
from tests.home.builders import build_feedback_page, build_home
from tests.home.feedback import VALID, aged_token, person


class AntiBotTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = build_feedback_page(build_home())

    def setUp(self):
        cache.clear()

    def post(self, data, address="192.0.2.10"):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.page.url, data, REMOTE_ADDR=address)

    def assert_looks_sent_but_stored_nothing(self, response):
        # A bot learns nothing: the same redirect to the thank-you page.
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], f"{self.page.url}?sent=1")
        self.assertEqual(FormSubmission.objects.count(), 0)
        self.assertEqual(FeedbackItem.objects.count(), 0)
        self.assertEqual(mail.outbox, [])


class BotTests(AntiBotTestCase):
    def test_the_form_carries_a_token_and_a_trap_people_never_reach(self):
        response = self.client.get(self.page.url)
        html = response.content.decode()
        self.assertIn(f'name="{TOKEN_FIELD}"', html)
        self.assertInHTML(
            f'<input type="text" name="{HONEYPOT_FIELD}" id="id_{HONEYPOT_FIELD}" '
            'value="" tabindex="-1" autocomplete="off">',
            html,
        )
        self.assertContains(response, 'class="feedback-form__trap" aria-hidden="true"')

    def test_a_filled_honeypot_stores_nothing(self):
        response = self.post(person(**{HONEYPOT_FIELD: "http://spam.example"}))
        self.assert_looks_sent_but_stored_nothing(response)

    def test_a_submission_faster_than_a_person_can_type_stores_nothing(self):
        response = self.post({**VALID, TOKEN_FIELD: issue_token()})
        self.assert_looks_sent_but_stored_nothing(response)

    def test_a_missing_or_forged_token_stores_nothing(self):
        for token in ["", "not-a-token", aged_token()[:-2] + "xx"]:
            with self.subTest(token=token):
                response = self.post({**VALID, TOKEN_FIELD: token})
                self.assert_looks_sent_but_stored_nothing(response)

    def test_a_replayed_submission_stores_nothing_more(self):
        data = person()
        self.assertEqual(self.post(data).status_code, 303)
        self.assertEqual(FeedbackItem.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)
        for _replay in range(3):
            response = self.post(data, address="198.51.100.7")
            self.assertEqual(response.status_code, 303)
            self.assertEqual(response["Location"], f"{self.page.url}?sent=1")
        self.assertEqual(FormSubmission.objects.count(), 1)
        self.assertEqual(FeedbackItem.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)


class PersonTests(AntiBotTestCase):
    def test_a_person_who_fixes_an_error_at_once_is_not_taken_for_a_bot(self):
        start = time.time()
        with time_machine.travel(start, tick=False):
            token = self.client.get(self.page.url).context["form_token"]
            # One second later: sent without a message, shown the error.
            with time_machine.travel(start + 1, tick=False):
                response = self.post({**VALID, "pesan": "", TOKEN_FIELD: token})
            self.assertEqual(response.status_code, 200)
            # The form keeps the visitor's own token, not a fresh one...
            self.assertEqual(response.context["form_token"], token)
            # ...so the corrected form, sent two seconds later, is stored.
            with time_machine.travel(start + 3.5, tick=False):
                response = self.post({**VALID, TOKEN_FIELD: token})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(FeedbackItem.objects.count(), 1)

    def test_a_form_left_open_too_long_is_shown_again_with_its_text(self):
        data = {**VALID, TOKEN_FIELD: aged_token(seconds=2 * 24 * 3600)}
        response = self.post(data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Pesan Anda belum terkirim")
        self.assertContains(response, VALID["pesan"])
        self.assertEqual(FeedbackItem.objects.count(), 0)
        fresh = response.context["form_token"]
        self.assertNotEqual(fresh, data[TOKEN_FIELD])
        with time_machine.travel(time.time() + 10, tick=False):
            response = self.post({**VALID, TOKEN_FIELD: fresh})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(FeedbackItem.objects.count(), 1)

    def test_an_oversize_post_is_refused_before_it_is_read(self):
        response = self.post(person(pesan="x" * 70_000))
        self.assertEqual(response.status_code, 413)
        self.assertEqual(FeedbackItem.objects.count(), 0)


@override_settings(HOME_FEEDBACK_RATE_LIMIT=10, HOME_FEEDBACK_RATE_PERIOD_SECONDS=600)
class RateLimitTests(AntiBotTestCase):
    def test_a_client_over_the_limit_gets_a_friendly_page_that_keeps_its_text(self):
        for _n in range(10):
            self.assertEqual(self.post(person()).status_code, 303)
        text = "Pesan kesebelas: tolong jangan hilang."
        response = self.post(person(pesan=text))
        self.assertEqual(response.status_code, 429)
        self.assertGreater(int(response["Retry-After"]), 0)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(response, "Terlalu banyak pesan", status_code=429)
        self.assertContains(response, text, status_code=429)
        self.assertContains(response, 'name="nama" value="Siti Rahma"', status_code=429)
        self.assertEqual(FeedbackItem.objects.count(), 10)
        # Another client is not affected.
        self.assertEqual(self.post(person(), address="192.0.2.99").status_code, 303)
        self.assertEqual(FeedbackItem.objects.count(), 11)

    def test_the_limit_holds_across_the_edge_of_a_window(self):
        edge = (int(time.time() // 600) + 1) * 600
        with time_machine.travel(edge - 5, tick=False):
            for _n in range(10):
                self.assertEqual(self.post(person()).status_code, 303)
        with time_machine.travel(edge + 5, tick=False):
            self.assertEqual(self.post(person()).status_code, 429)
        # A period later the client may post again.
        with time_machine.travel(edge + 605, tick=False):
            self.assertEqual(self.post(person()).status_code, 303)
        self.assertEqual(FeedbackItem.objects.count(), 11)

    def test_the_english_page_says_it_in_english(self):
        from wagtail.models import Locale

        en_page = self.page.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        en_page.save_revision().publish()
        for _n in range(11):
            response = self.client.post(en_page.url, person(), REMOTE_ADDR="192.0.2.5")
        self.assertContains(
            response, "Too many messages from your connection", status_code=429
        )

    def test_a_flood_from_one_client_does_not_crowd_out_real_people(self):
        """500 bot posts, each with its own well-aged token (the worst bot), and
        20 people from other clients in between: every person is stored, the
        bot no more than the limit."""
        with time_machine.travel(time.time() - 60, tick=False):
            bot_tokens = [issue_token() for _n in range(500)]
        people = iter(range(20))
        for n, token in enumerate(bot_tokens):
            bot = {**VALID, "nama": "Bot", "pesan": f"spam {n}", TOKEN_FIELD: token}
            self.client.post(self.page.url, bot, REMOTE_ADDR="203.0.113.66")
            if n % 25 == 0:
                who = next(people)
                response = self.client.post(
                    self.page.url,
                    person(nama=f"Warga {who}"),
                    REMOTE_ADDR=f"198.51.100.{who + 1}",
                )
                self.assertEqual(response.status_code, 303)
        stored = FeedbackItem.objects.order_by("pk")
        self.assertEqual(
            sorted(
                stored.exclude(sender_name="Bot").values_list("sender_name", flat=True)
            ),
            sorted(f"Warga {n}" for n in range(20)),
        )
        self.assertLessEqual(stored.filter(sender_name="Bot").count(), 10)
