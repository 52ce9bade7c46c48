"""The periodic-job backbone: a registry of jobs, one leased scheduler that only
enqueues tasks at their due time, and a record of every run.

Apps declare jobs in their ``tasks.py`` with :func:`cms.scheduler.registry.periodic`.

Imports run one way: views, wagtail_hooks, tasks and the ``scheduler_run``
command -> domain modules (loop -> firing, recovery, health -> schedules,
registry, recording, lease) -> models -> frequencies (what a schedule is).
"""
