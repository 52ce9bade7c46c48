from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "audit.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import actions
        from audit.monitoring import checks  # noqa: F401  (registers the checks)

        actions.register("monitoring.outage_opened", _("Outage opened"))
        actions.register("monitoring.outage_closed", _("Outage closed"))
