from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit and monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import checks  # noqa: F401  (registers the system checks)
        from audit.signal_handlers import register_signal_handlers

        register_signal_handlers()
