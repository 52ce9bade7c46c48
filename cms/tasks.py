from __future__ import annotations

from django_tasks import task


@task()
def deployment_probe_task() -> str:
    """Does nothing: ``cms_check_deployment`` enqueues it to see a worker run it."""
    return "ok"
