from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def seed_job_schedules(sender, using="default", **kwargs):
    from django.db import connections

    from cms.scheduler.firing import seed_schedules
    from cms.scheduler.models import JobSchedule

    # Skip databases the scheduler's tables are not on (or after `migrate scheduler zero`).
    tables = connections[using].introspection.table_names()
    if JobSchedule._meta.db_table in tables and using == "default":
        seed_schedules()


class SchedulerConfig(AppConfig):
    name = "cms.scheduler"
    label = "scheduler"
    verbose_name = _("Periodic jobs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.scheduler import checks as scheduler_checks
        from cms.scheduler.registry import registry

        checks.register(scheduler_checks.check_settings)
        checks.register(scheduler_checks.check_task_backend)
        registry.autodiscover()
        post_migrate.connect(seed_job_schedules, sender=self)
