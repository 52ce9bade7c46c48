"""Receivers of the moderation workflow and the roles.

Wagtail's own workflow mail is disconnected (it sends inside the request's
transaction and has the gaps listed in ``home.workflow_notifications``); ours
queue a task once the transaction has committed, so a slow or failing mail
server never holds up or undoes a moderation decision.
"""

from functools import cache, partial

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_approved, task_rejected, task_submitted

from home import workflow_notifications as notices

WAGTAIL_NOTIFIERS = (
    ("task_submitted", TaskState, "group_approval_task_submitted_email_notification"),
    (
        "workflow_submitted",
        WorkflowState,
        "workflow_state_submitted_email_notification",
    ),
    ("workflow_rejected", WorkflowState, "workflow_state_rejected_email_notification"),
    ("workflow_approved", WorkflowState, "workflow_state_approved_email_notification"),
)


def enqueue(event, instance):
    from home.tasks import notify_workflow_task

    transaction.on_commit(partial(notify_workflow_task.enqueue, event, instance.pk))


@cache
def content_models() -> tuple[type, ...]:
    """What the site chrome is built from (home/chrome.py).

    Not images: making a rendition may save its image (file size, hash),
    and the chrome shows none.
    """
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    return (Page, Site, Locale, BaseSiteSetting, PageViewRestriction)


def submitted(sender, instance, **kwargs):
    enqueue(notices.SUBMITTED, instance)


def approved(sender, instance, **kwargs):
    enqueue(notices.PASSED_ON, instance)


def rejected(sender, instance, **kwargs):
    enqueue(notices.REJECTED, instance)


def ensure_roles(sender, **kwargs):
    # post_migrate is sent once per app, and each app's permissions are made
    # by its own signal: wait for the last app, when every permission exists.
    from django.apps import apps

    from home.roles import ensure_roles

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is with_models[-1]:
        ensure_roles()


def replaced(sender, instance, **kwargs):
    """Holds the place of a Wagtail notifier whose work ``submitted``,
    ``approved`` and ``rejected`` do (per task, after commit)."""


def content_changed(sender, instance=None, update_fields=None, **kwargs):
    """A page, site, locale, setting, view restriction or image changed.

    Images for the fragments that show them (home.fragments), unless only the
    metadata Wagtail fills in by itself changed (``IMAGE_METADATA``).
    """
    from wagtail.images.models import AbstractImage

    from home import chrome

    if kwargs.get("raw"):
        return
    if isinstance(instance, content_models()) or (
        isinstance(instance, AbstractImage) and not metadata_only(update_fields)
    ):
        chrome.bump_version()


def page_published(sender, instance, **kwargs):
    from home.tasks import generate_page_renditions_task

    transaction.on_commit(partial(generate_page_renditions_task.enqueue, instance.pk))


#: Image fields Wagtail fills in by itself, which change no rendition.
IMAGE_METADATA = {"file_size", "file_hash"}


def metadata_only(update_fields) -> bool:
    """Whether an image save wrote only ``IMAGE_METADATA``."""
    return bool(update_fields) and set(update_fields) <= IMAGE_METADATA


def image_saved(
    sender, instance, created=False, raw=False, update_fields=None, **kwargs
):
    from home.tasks import generate_image_renditions_task

    # A new image is on no page yet; publishing the page makes its renditions.
    if metadata_only(update_fields):
        return
    if not created and not raw:
        transaction.on_commit(
            partial(generate_image_renditions_task.enqueue, instance.pk)
        )


def register_signal_handlers(app_config):
    from wagtail import signals
    from wagtail.images import get_image_model

    for signal in (post_save, post_delete):
        signal.connect(content_changed, dispatch_uid="home_content_changed")
    signals.post_page_move.connect(content_changed, dispatch_uid="home_page_moved")
    signals.page_published.connect(page_published, dispatch_uid="home_renditions")
    post_save.connect(
        image_saved, sender=get_image_model(), dispatch_uid="home_image_renditions"
    )

    # Wagtail's admin connects its notifiers in its own ready(), which runs
    # after ours (home comes first in INSTALLED_APPS) or before (if the order
    # ever changes). Cover both: disconnect whatever is there, then take each
    # notifier's dispatch_uid, so Wagtail's later connect() is a no-op.
    for name, sender, uid in WAGTAIL_NOTIFIERS:
        signal = getattr(signals, name)
        signal.disconnect(sender=sender, dispatch_uid=uid)
        receiver = submitted if signal is task_submitted else replaced
        signal.connect(receiver, sender=sender, dispatch_uid=uid)
    task_approved.connect(approved, dispatch_uid="home_workflow_approved")
    task_rejected.connect(rejected, dispatch_uid="home_workflow_rejected")
    post_migrate.connect(ensure_roles, dispatch_uid="home_roles")
