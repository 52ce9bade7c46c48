"""Who may see and change schedules and run jobs by hand.

Schedules come from the registry, so nobody adds or deletes them in the admin;
editing a schedule and "Run now" need ``scheduler.change_jobschedule`` (or superuser);
seeing the schedules, the run listing and the dashboard panel needs that or
``scheduler.view_jobschedule``.
"""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from cms.scheduler.models import JobSchedule


class JobSchedulePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("add", "delete")]
        if not actions:
            return self.auth_model._default_manager.none()
        return super().users_with_any_permission(actions)


schedule_permission_policy = JobSchedulePermissionPolicy(JobSchedule)


def can_view_jobs(user) -> bool:
    return schedule_permission_policy.user_has_any_permission(user, ["view", "change"])


def can_run_jobs(user) -> bool:
    return schedule_permission_policy.user_has_permission(user, "change")
