"""The database refuses a schedule that breaks its frequency's rules.

Before the check constraints are added, any existing row that breaks them is
repaired, not deleted: a missing or out-of-range value its frequency needs gets
a safe value (every 60, Monday, day 1, minute and hour 0; an unknown frequency
becomes daily) and the schedule is *disabled*, so an officer sees it, checks it
and enables it again. Values a frequency does not use are cleared. The rules
are frozen here as they were when this migration was written.
"""

import django.core.validators
from django.db import migrations, models

USES = {
    "minutes": ("every",),
    "seconds": ("every",),
    "hourly": ("minute",),
    "daily": ("hour", "minute"),
    "weekly": ("weekday", "hour", "minute"),
    "monthly": ("day", "hour", "minute"),
}
# field: (minimum, maximum, fallback)
RANGES = {
    "every": (1, 86400, 60),
    "minute": (0, 59, 0),
    "hour": (0, 23, 0),
    "weekday": (0, 6, 0),
    "day": (1, 28, 1),
}
NULLABLE = ("every", "weekday", "day")


def repair(schedule) -> bool:
    """Make ``schedule`` pass the constraints; True if it had to be disabled."""
    broken = False
    if schedule.frequency not in USES:
        schedule.frequency, broken = "daily", True
    used = USES[schedule.frequency]
    for name, (minimum, maximum, fallback) in RANGES.items():
        if name == "every" and schedule.frequency == "minutes":
            maximum = 1440
        value = getattr(schedule, name)
        fits = value is not None and minimum <= value <= maximum
        if name in used:
            if not fits:
                setattr(schedule, name, fallback)
                broken = True
        elif not fits and not (value is None and name in NULLABLE):
            setattr(schedule, name, None if name in NULLABLE else fallback)
    return broken


def repair_schedules(apps, schema_editor):
    JobSchedule = apps.get_model("scheduler", "JobSchedule")
    for schedule in JobSchedule.objects.all():
        before = {f.attname: getattr(schedule, f.attname) for f in schedule._meta.fields}
        if repair(schedule):
            schedule.enabled = False
        after = {f.attname: getattr(schedule, f.attname) for f in schedule._meta.fields}
        if after != before:
            schedule.save()


class Migration(migrations.Migration):

    dependencies = [
        ('scheduler', '0002_rename_tables'),
    ]

    operations = [
        migrations.RunPython(repair_schedules, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='jobrun',
            name='outcome',
            field=models.CharField(choices=[('enqueued', 'Enqueued'), ('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed'), ('lost', 'Lost (never started)'), ('timed_out', 'Timed out')], default='enqueued', max_length=10, verbose_name='outcome'),
        ),
        migrations.AlterField(
            model_name='jobschedule',
            name='every',
            field=models.PositiveIntegerField(blank=True, help_text='For “every N minutes”: from 1 to 1440 (one day).', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='every N minutes'),
        ),
        migrations.AlterField(
            model_name='jobschedule',
            name='hour',
            field=models.PositiveSmallIntegerField(default=0, help_text='From 0 to 23, Jakarta time (WIB). For daily, weekly, monthly.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(23)], verbose_name='hour'),
        ),
        migrations.AlterField(
            model_name='jobschedule',
            name='minute',
            field=models.PositiveSmallIntegerField(default=0, help_text='From 0 to 59. Not used for “every N minutes”.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(59)], verbose_name='minute'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(('frequency__in', ['minutes', 'seconds', 'hourly', 'daily', 'weekly', 'monthly'])), name='scheduler_jobschedule_frequency_known'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('every__gte', 1), ('every__lte', 86400)), ('every__isnull', True), _connector='OR'), name='scheduler_jobschedule_every_range'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(('minute__gte', 0), ('minute__lte', 59)), name='scheduler_jobschedule_minute_range'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(('hour__gte', 0), ('hour__lte', 23)), name='scheduler_jobschedule_hour_range'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('weekday__gte', 0), ('weekday__lte', 6)), ('weekday__isnull', True), _connector='OR'), name='scheduler_jobschedule_weekday_range'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('day__gte', 1), ('day__lte', 28)), ('day__isnull', True), _connector='OR'), name='scheduler_jobschedule_day_range'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('frequency', 'minutes'), _negated=True), models.Q(('every__isnull', False), ('every__lte', 1440)), _connector='OR'), name='scheduler_jobschedule_minutes_fields'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('frequency', 'seconds'), _negated=True), models.Q(('every__isnull', False), ('every__lte', 86400)), _connector='OR'), name='scheduler_jobschedule_seconds_fields'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('frequency', 'weekly'), _negated=True), ('weekday__isnull', False), _connector='OR'), name='scheduler_jobschedule_weekly_fields'),
        ),
        migrations.AddConstraint(
            model_name='jobschedule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('frequency', 'monthly'), _negated=True), ('day__isnull', False), _connector='OR'), name='scheduler_jobschedule_monthly_fields'),
        ),
    ]
