"""The dashboard's "Waiting for you": the problems where the person looking
must act next. One query for the rows and one for the count, whatever the
number of problems.

An officer reports open problems; the supervisor assigns reported ones and
verifies resolved ones; an operator works on those assigned to them.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.admin.ui.components import Component

from audit.problems import people
from audit.problems.models import Problem

S = Problem.Status
# The control room's urgency slot for problems (audit/monitoring/panels.py).
ORDER, CALM = 70, 1000
SHOWN = 10


def waiting_for(user) -> Q | None:
    """The problems where ``user`` must act next, as a filter (None: nowhere)."""
    conditions = []
    if user.is_superuser or people.is_officer(user):
        conditions.append(Q(status=S.OPEN))
    if user.is_superuser or people.is_supervisor(user):
        conditions.append(Q(status__in=[S.REPORTED, S.RESOLVED]))
    # The assigned operator's, also while it waits on a third party or on
    # finance: chasing them is still theirs to do.
    operators = [S.ASSIGNED, S.IN_PROGRESS, S.WAITING_THIRD_PARTY, S.WAITING_FINANCE]
    conditions.append(Q(status__in=operators, assigned_to_id=user.pk))
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


class WaitingForYouPanel(Component):
    name = "problems_waiting_for_you"
    template_name = "problems/panel.html"

    def __init__(self, user):
        waiting = Problem.objects.filter(waiting_for(user))
        self.problems = list(
            waiting.select_related("assigned_to").order_by("opened_at", "pk")[:SHOWN]
        )
        self.count = (
            len(self.problems) if len(self.problems) < SHOWN else waiting.count()
        )
        self.order = ORDER if self.problems else ORDER + CALM

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(problems=self.problems, count=self.count)
        return context
