"""The status flow of a problem and who may move it (SOP duties 5, 6 and 7).

    open -> reported          an officer reports it to the supervisor (duty 5)
    reported -> assigned      the supervisor assigns an operator, with an
                              instruction (duty 6; also re-assigns later)
    assigned -> in_progress   the assigned operator starts
    in_progress <-> waiting_third_party / waiting_finance        (duty 7)
    ... -> resolved           the operator resolves, saying how
    resolved -> verified      the supervisor verifies, or sends it back
                              (reopened: resolved -> in_progress)

Each move happens under a row lock: the status is read, checked and written
in one transaction with its ``ProblemStep`` and its audit event, so a stale
form (two people clicking at once) is refused instead of applied twice. The
person who must act next is mailed after the commit, by the worker; a mail
that fails never undoes the move.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.problems import people
from audit.problems.emails import send_step_mail_task
from audit.problems.models import CoordinationEntry, Problem, ProblemStep
from audit.trail import record

S = Problem.Status
WORKING = (S.IN_PROGRESS, S.WAITING_THIRD_PARTY, S.WAITING_FINANCE)

# Who may take a step: a role, or "assignee" (the operator it is assigned to).
OFFICER, SUPERVISOR, ASSIGNEE = "officer", "supervisor", "assignee"


@dataclass(frozen=True)
class Step:
    name: str
    label: object
    sources: tuple[str, ...]
    target: str
    who: str
    action: str
    mail: str = ""  # the mail sent after the step ("" for none)
    note_required: bool = False


STEPS = {
    step.name: step
    for step in (
        Step(
            "report",
            _("Report to the supervisor"),
            (S.OPEN,),
            S.REPORTED,
            OFFICER,
            "problems.reported",
            mail="reported",
        ),
        Step(
            "assign",
            _("Assign to an operator"),
            (S.REPORTED, S.ASSIGNED, *WORKING),
            S.ASSIGNED,
            SUPERVISOR,
            "problems.assigned",
            mail="assigned",
        ),
        Step(
            "start",
            _("Start work"),
            (S.ASSIGNED,),
            S.IN_PROGRESS,
            ASSIGNEE,
            "problems.started",
        ),
        Step(
            "wait_third_party",
            _("Waiting on a third party"),
            (S.IN_PROGRESS, S.WAITING_FINANCE),
            S.WAITING_THIRD_PARTY,
            ASSIGNEE,
            "problems.waiting",
        ),
        Step(
            "wait_finance",
            _("Waiting on finance"),
            (S.IN_PROGRESS, S.WAITING_THIRD_PARTY),
            S.WAITING_FINANCE,
            ASSIGNEE,
            "problems.waiting",
        ),
        Step(
            "resume",
            _("Resume work"),
            (S.WAITING_THIRD_PARTY, S.WAITING_FINANCE),
            S.IN_PROGRESS,
            ASSIGNEE,
            "problems.started",
        ),
        Step(
            "resolve",
            _("Mark as resolved"),
            WORKING,
            S.RESOLVED,
            ASSIGNEE,
            "problems.resolved",
            mail="resolved",
            note_required=True,
        ),
        Step(
            "verify",
            _("Verify the resolution"),
            (S.RESOLVED,),
            S.VERIFIED,
            SUPERVISOR,
            "problems.verified",
        ),
        Step(
            "reopen",
            _("Send back for more work"),
            (S.RESOLVED,),
            S.IN_PROGRESS,
            SUPERVISOR,
            "problems.reopened",
            mail="reopened",
            note_required=True,
        ),
    )
}


class FlowError(Exception):
    """A step that may not be taken now, with a sentence for the person."""


def may(user, step: Step, problem: Problem) -> bool:
    """Whether ``user`` may take ``step`` on ``problem`` in its current status."""
    if problem.status not in step.sources or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if step.who == OFFICER:
        return people.is_officer(user)
    if step.who == SUPERVISOR:
        return people.is_supervisor(user)
    return problem.assigned_to_id == user.pk


def allowed_steps(user, problem: Problem) -> list[Step]:
    return [step for step in STEPS.values() if may(user, step, problem)]


def may_coordinate(user, problem: Problem) -> bool:
    """The assigned operator and the officers record contacts, until verified."""
    if problem.status == S.VERIFIED or not user.is_active:
        return False
    return (
        user.is_superuser
        or people.is_officer(user)
        or (problem.assigned_to_id is not None and problem.assigned_to_id == user.pk)
    )


def take(
    problem: Problem,
    name: str,
    *,
    user,
    note: str = "",
    assignee=None,
    request=None,
) -> Problem:
    """Take step ``name`` on ``problem`` as ``user``; returns the updated problem.

    ``note`` is the step's text: the instruction when assigning, the
    resolution when resolving, the reason when sending back.
    """
    step = STEPS[name]
    note = note.strip()
    if step.note_required and not note:
        raise FlowError(_("Please write a note for this step."))
    if name == "assign" and assignee is None:
        raise FlowError(_("Choose the operator."))
    try:
        with transaction.atomic():
            locked = Problem.objects.select_for_update().get(pk=problem.pk)
            if not may(user, step, locked):
                raise FlowError(
                    _("You may not do this now: the problem is “%(status)s”.")
                    % {"status": locked.get_status_display()}
                )
            previous, now = locked.status, timezone.now()
            _apply(locked, step, now=now, user=user, note=note, assignee=assignee)
            locked.save()
            ProblemStep.objects.create(
                problem=locked,
                from_status=previous,
                to_status=step.target,
                actor=user,
                actor_label=user.get_username(),
                at=now,
                note=note,
            )
            details = {"from": previous, "to": step.target}
            if note:
                details["note"] = note[:500]
            if assignee is not None:
                details["assigned_to"] = assignee.get_username()
            record(
                step.action, actor=user, obj=locked, details=details, request=request
            )
            if step.mail:
                transaction.on_commit(
                    partial(send_step_mail_task.enqueue, locked.pk, step.mail),
                    robust=True,
                )
    except IntegrityError as err:
        # Sending back a problem whose cause has opened a new one meanwhile.
        raise FlowError(
            _("Another problem with the same cause is open: continue there.")
        ) from err
    return locked


def _apply(problem: Problem, step: Step, *, now, user, note: str, assignee) -> None:
    problem.status = step.target
    if step.name == "report":
        problem.reported_by, problem.reported_at = user, now
    elif step.name == "assign":
        problem.assigned_by, problem.assigned_at = user, now
        problem.assigned_to = assignee
        problem.instruction = note
    elif step.name == "start" and problem.started_at is None:
        problem.started_at = now
    elif step.name == "resolve":
        problem.resolved_by, problem.resolved_at = user, now
        problem.resolution = note
    elif step.name == "verify":
        problem.verified_by, problem.verified_at = user, now
    elif step.name == "reopen":
        # The resolution given stays in the steps; the problem is open again.
        problem.resolved_by, problem.resolved_at = None, None


def add_coordination(
    problem: Problem,
    *,
    user,
    party: str,
    party_name: str,
    contacted_at,
    agreed: str,
    request=None,
) -> CoordinationEntry:
    """Record who outside was contacted about ``problem``, when, and what was agreed."""
    if not may_coordinate(user, problem):
        raise FlowError(_("You may not record contacts for this problem."))
    with transaction.atomic():
        entry = CoordinationEntry.objects.create(
            problem=problem,
            party=party,
            party_name=party_name,
            contacted_at=contacted_at,
            agreed=agreed,
            created_by=user,
        )
        record(
            "problems.coordinated",
            actor=user,
            obj=problem,
            details={
                "party": party,
                "name": party_name,
                "contacted_at": contacted_at,
                "agreed": agreed[:500],
            },
            request=request,
        )
    return entry
