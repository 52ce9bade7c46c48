from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "problems.opened": _("Problem opened"),
    "problems.reported": _("Problem reported to the supervisor"),
    "problems.assigned": _("Problem assigned to an operator"),
    "problems.started": _("Work on a problem started"),
    "problems.waiting": _("Problem waiting on a third party or finance"),
    "problems.coordinated": _("Coordination with an outside party recorded"),
    "problems.resolved": _("Problem resolved"),
    "problems.verified": _("Problem resolution verified"),
    "problems.reopened": _("Problem sent back for more work"),
    "problems.mail_failed": _("Problem email could not be sent"),
}


class ProblemsConfig(AppConfig):
    name = "audit.problems"
    label = "problems"
    verbose_name = _("Problems and follow-ups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import actions
        from audit.problems.signal_handlers import register_signal_handlers

        for name, label in ACTIONS.items():
            actions.register(name, label)
        register_signal_handlers()
