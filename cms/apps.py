from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def seed_job_schedules(sender, using="default", **kwargs):
    from django.db import connections

    from cms.models import JobSchedule
    from cms.scheduler.firing import seed_schedules

    # Skip databases the cms tables are not on (or after `migrate cms zero`).
    tables = connections[using].introspection.table_names()
    if JobSchedule._meta.db_table in tables and using == "default":
        seed_schedules()


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Website management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.signal_handlers import register_signal_handlers

        register_signal_handlers()
        from cms.scheduler import checks  # noqa: F401  (registers the checks)
        from cms.scheduler.registry import registry

        registry.autodiscover()
        post_migrate.connect(seed_job_schedules, sender=self)
