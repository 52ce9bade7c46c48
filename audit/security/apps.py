from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "audit.security"
    label = "security"
    verbose_name = _("Visitor activity")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.security import checks  # noqa: F401  (registers the system checks)
        from audit.security.signal_handlers import register_signal_handlers

        register_signal_handlers()
