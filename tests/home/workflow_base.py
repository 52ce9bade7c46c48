"""Named people and a small site for the moderation tests.

Humas and Tata Usaha are sections with their subdivisions; the people are
Citra (contributor of Humas), Tono (contributor of Tata Usaha), Oki (website
officer), Sari (direct supervisor, not a superuser) and Opi (operator).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.builders import make_section, publish
from home.models import ArticleIndexPage
from home.roles import OFFICERS, OPERATOR, SUPERVISOR, ensure_roles
from tests.home.builders import build_home, locales

PASSWORD = "sandi-uji-123"  # noqa: S105


def make_user(username: str, *groups: str, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@bkp.example.go.id",
        password=PASSWORD,
        first_name=username.capitalize(),
        **fields,
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def article_form(title: str, slug: str, action: str = "submit", **extra) -> dict:
    data = {
        "title": title,
        "slug": slug,
        "kind": "news",
        "date": "2026-11-20",
        "summary": f"Ringkasan {title}",
        "feed_image": "",
        "feed_image_alt": "",
        "body": streamfield([("paragraph", rich_text(f"<p>Isi {title}</p>"))]),
        "tags": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        f"action-{action}": "True",
    }
    data.update(extra)
    return nested_form_data(data)


class ModerationTestCase(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        locales()
        cls.home = build_home()
        cls.humas = make_section(cls.home, "Humas", slug="humas")
        cls.news = publish(cls.humas, ArticleIndexPage(title="Berita", slug="berita"))
        cls.tata_usaha = make_section(cls.home, "Tata Usaha", slug="tata-usaha")
        ensure_roles()
        cls.citra = make_user("citra", "Kontributor Humas")
        cls.tono = make_user("tono", "Kontributor Tata Usaha")
        cls.oki = make_user("oki", OFFICERS)
        cls.sari = make_user("sari", SUPERVISOR)
        cls.opi = make_user("opi", OPERATOR)

    def login(self, user):
        self.client.force_login(user)

    def submit_article(self, user, title="Vaksinasi awak kabin", slug=None, **extra):
        """Create an article through the admin's add view, submitting it."""
        self.login(user)
        url = reverse(
            "wagtailadmin_pages:add", args=("home", "articlepage", self.news.pk)
        )
        slug = slug or title.lower().replace(" ", "-")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, article_form(title, slug, **extra))
        self.assertEqual(response.status_code, 302, getattr(response, "context", ""))
        return Page.objects.get(slug=slug).specific

    def act(self, user, page, action, comment=""):
        """Approve or reject the page's current step as ``user`` in the admin."""
        self.login(user)
        page = Page.objects.get(pk=page.pk)
        task_state = page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, action, task_state.pk),
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"comment": comment})
        self.assertIn(response.status_code, (200, 302))
        return response


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    from home.dates import site_zone

    return datetime.datetime(year, month, day, hour, minute, tzinfo=site_zone())
