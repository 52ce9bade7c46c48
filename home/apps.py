from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import checks  # noqa: F401  (registers the system checks)
        from home.signal_handlers import register_signal_handlers

        register_signal_handlers(self)
