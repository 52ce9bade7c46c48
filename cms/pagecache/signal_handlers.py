"""What makes the cached pages out of date, and the one receiver for all of it.

Any saved or deleted row may show on a public page (a page, a setting, a menu,
a snippet, an image, a document, a tag, a redirect, a view restriction...), so
every model counts except those known never to change what an anonymous
visitor sees: the logs, queues, counters, sessions and admin state below.
Several of them are written while a page is being rendered or on every request
(renditions, embeds, traffic counters, editing sessions): counting them would
empty the cache all day long. A new content model needs nothing here.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from cms.pagecache import generation

#: App labels none of whose models shows on a public page.
IGNORED_APPS = frozenset(
    {
        "admin",
        "audit",
        "auth",
        "axes",
        "backups",
        "contenttypes",
        "django_tasks_database",
        "monitoring",
        "problems",
        "reports",
        "scheduler",
        "security",
        "sessions",
        "wagtailadmin",
        "wagtailsearch",
        "wagtailusers",
    }
)
#: Single models that never change a public page (labels, lower case).
IGNORED_MODELS = frozenset(
    {
        # The site chrome's own token (home/chrome.py): bumped by the very saves
        # that bump the generation.
        "home.contentversion",
        "home.feedbackitem",
        "home.feedbackmail",
        "wagtailforms.formsubmission",
        "wagtailembeds.embed",
        "wagtailimages.rendition",
        "wagtailcore.apitoken",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.groupapprovaltask",
        "wagtailcore.groupcollectionpermission",
        "wagtailcore.grouppagepermission",
        "wagtailcore.groupsitepermission",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailcore.task",
        "wagtailcore.taskstate",
        "wagtailcore.uploadedfile",
        "wagtailcore.workflow",
        "wagtailcore.workflowcontenttype",
        "wagtailcore.workflowpage",
        "wagtailcore.workflowstate",
        "wagtailcore.workflowtask",
    }
)


def shows_publicly(model) -> bool:
    meta = model._meta
    return meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def forget_pages() -> None:
    """Bump the generation once the current transaction (if any) commits."""
    connection = transaction.get_connection()
    # One bump per commit is enough, however many rows it saves (a publish
    # saves several): each bump rewrites the generation file or Redis key.
    if connection.in_atomic_block and bump_pending(connection):
        return
    # robust: the change is committed by then; a failed bump (disk, Redis) is
    # logged as an error rather than turned into a failed save.
    transaction.on_commit(generation.bump, robust=True)


def bump_pending(connection) -> bool:
    """Whether a bump already waits for this transaction's commit.

    Any bump still listed will run on commit unless a block around us rolls
    back, which undoes our change too:

    1. Django drops the callbacks of a savepoint when it rolls back (an atomic
       block left by an exception), so a bump lost that way is no longer
       listed and a new one is scheduled;
    2. a listed bump from a savepoint already closed was therefore released
       into the block around it: it runs with the rest of the transaction
       (Wagtail's publish and ``get_or_create`` close several such savepoints,
       so requiring the bump's savepoints to be still open would bump again);
    3. a listed bump from a savepoint still open was scheduled in a block
       around the current change: they are committed or rolled back together.
    """
    return any(
        func is generation.bump for _ids, func, _robust in connection.run_on_commit
    )


def content_changed(sender, **kwargs):
    if shows_publicly(sender):
        forget_pages()


def page_changed(sender, **kwargs):
    forget_pages()


def register_signal_handlers():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"pagecache_{id(signal)}")
    # Publishing, unpublishing (also by publish_scheduled) and moves, whatever
    # they save or update underneath.
    for signal in (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    ):
        signal.connect(page_changed, dispatch_uid=f"pagecache_page_{id(signal)}")
