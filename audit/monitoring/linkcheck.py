"""The link checker: crawls the live site over HTTP, like a visitor, at a
bounded pace, and records broken internal links, images and documents.

1. Start at every home page; fetch pages with GET, everything else (images,
   documents, media) with HEAD (GET if HEAD is refused).
2. Follow only links on the same host, never into ``/admin/``; parse only
   HTML answers; stop after ``MONITORING_LINKCHECK_MAX_PAGES`` pages.
3. Wait between requests so no minute sees more than
   ``MONITORING_LINKCHECK_PER_MINUTE`` of them.
4. Replace the previous findings in one transaction at the end, so the
   dashboard always shows one whole check.
"""

from __future__ import annotations

import time
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.db import transaction
from django.utils import timezone

from audit.monitoring import conf
from audit.monitoring.fetch import Answer, fetch
from audit.monitoring.lease import held
from audit.monitoring.models import BrokenLink, LinkCheckRun, LinkKind

SKIP_PREFIXES = ("/admin/", "/i18n/", "/django-admin/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append((values["href"], LinkKind.LINK))
        elif tag == "img" and values.get("src"):
            self.links.append((values["src"], LinkKind.IMAGE))


def kind_of(path: str, found_as: str) -> str:
    if path.startswith("/documents/"):
        return LinkKind.DOCUMENT
    if found_as == LinkKind.IMAGE or path.startswith("/media/images/"):
        return LinkKind.IMAGE
    return found_as


class Pacer:
    def __init__(self, per_minute: int):
        self.interval = 60.0 / per_minute
        self.last = 0.0
        self.count = 0

    def wait(self) -> None:
        delay = self.last + self.interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.last = time.monotonic()
        self.count += 1


def start_paths() -> list[str]:
    from home.models import HomePage

    return [home.url for home in HomePage.objects.live().public().order_by("path")]


def check_links() -> LinkCheckRun | None:
    """Crawl the site once; None when a check is still running."""
    with held("linkcheck", seconds=4 * 3600) as ok:
        if not ok:
            return None
        return crawl(start_paths())


def crawl(starts: list[str]) -> LinkCheckRun:
    base = conf.base_url()
    host = urlsplit(base).netloc
    timeout = conf.get("MONITORING_TIMEOUT_SECONDS")
    max_pages = conf.get("MONITORING_LINKCHECK_MAX_PAGES")
    pacer = Pacer(conf.get("MONITORING_LINKCHECK_PER_MINUTE"))
    run = LinkCheckRun.objects.create(started_at=timezone.now())

    seen: dict[str, Answer] = {}
    queue: list[tuple[str, str, str]] = [(base + p, "", LinkKind.LINK) for p in starts]
    broken: list[BrokenLink] = []
    pages = 0
    while queue:
        url, source, found_as = queue.pop(0)
        path = urlsplit(url).path
        kind = kind_of(path, found_as)
        if url not in seen:
            is_page = kind == LinkKind.LINK
            if is_page and pages >= max_pages:
                continue
            pacer.wait()
            answer = fetch(
                url,
                timeout=timeout,
                method="GET" if is_page else "HEAD",
                keep_body=is_page,
            )
            if answer.status == 405:
                pacer.wait()
                answer = fetch(url, timeout=timeout)
            # Follow redirects on the site (a link to /x that redirects to a
            # missing /x/ is broken); a redirect elsewhere is an answer.
            hops = 0
            while answer.location and 300 <= (answer.status or 0) < 400 and hops < 5:
                target = urljoin(answer.url, answer.location)
                if urlsplit(target).netloc != host:
                    break
                pacer.wait()
                answer = fetch(
                    target,
                    timeout=timeout,
                    method="GET" if is_page else "HEAD",
                    keep_body=is_page,
                )
                hops += 1
            seen[url] = answer
            if is_page and answer.ok and "html" in answer.content_type:
                pages += 1
                parser = LinkParser()
                parser.feed(answer.body.decode("utf-8", errors="replace"))
                for href, link_kind in parser.links:
                    target, _fragment = urldefrag(urljoin(answer.url, href))
                    parts = urlsplit(target)
                    if parts.scheme not in ("http", "https") or parts.netloc != host:
                        continue
                    if parts.path.startswith(SKIP_PREFIXES):
                        continue
                    queue.append((target, url, link_kind))
        answer = seen[url]
        if not answer.ok and source:
            broken.append(
                BrokenLink(
                    found_at=timezone.now(),
                    source_url=source.removeprefix(base)[:500],
                    target_url=url.removeprefix(base)[:500],
                    kind=kind,
                    status=answer.status,
                    error=answer.error[:500],
                )
            )
    unique = {(b.source_url, b.target_url): b for b in broken}
    with transaction.atomic():
        BrokenLink.objects.all().delete()
        BrokenLink.objects.bulk_create(unique.values())
        run.finished_at = timezone.now()
        run.pages_checked = pages
        run.requests = pacer.count
        run.broken = len(unique)
        run.save()
    return run
