"""The periodic-job backbone: a registry of jobs, one leased scheduler that only
enqueues tasks at their due time, and a record of every run.

Apps declare jobs in their ``tasks.py`` with :func:`cms.scheduler.registry.periodic`.
"""
