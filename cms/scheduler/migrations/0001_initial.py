"""The scheduler's models, taken over from the ``cms`` app without touching the database.

Until this app existed the three tables were ``cms``'s (cms/migrations/0001).
This migration only tells Django's migration state that they now belong to
``scheduler`` (still named cms_*); cms/migrations/0002 removes them from ``cms``'s
state, and 0002 here renames the tables and moves their content types, so every
schedule, run, permission and history entry stays.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cms", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='JobSchedule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(editable=False, max_length=100, unique=True, verbose_name='job')),
                        ('frequency', models.CharField(choices=[('minutes', 'Every N minutes'), ('hourly', 'Every hour'), ('daily', 'Every day'), ('weekly', 'Every week'), ('monthly', 'Every month'), ('seconds', 'Every N seconds (testing only)')], default='daily', max_length=10, verbose_name='frequency')),
                        ('every', models.PositiveIntegerField(blank=True, help_text='For “every N minutes”: from 1 to 1440 (one day).', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(1440)], verbose_name='every N minutes')),
                        ('minute', models.PositiveSmallIntegerField(default=0, help_text='From 0 to 59. Not used for “every N minutes”.', validators=[django.core.validators.MaxValueValidator(59)], verbose_name='minute')),
                        ('hour', models.PositiveSmallIntegerField(default=0, help_text='From 0 to 23, Jakarta time (WIB). For daily, weekly, monthly.', validators=[django.core.validators.MaxValueValidator(23)], verbose_name='hour')),
                        ('weekday', models.PositiveSmallIntegerField(blank=True, choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')], null=True, verbose_name='day of the week')),
                        ('day', models.PositiveSmallIntegerField(blank=True, help_text='From 1 to 28, so the job runs in every month, February too. For monthly only.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(28)], verbose_name='day of the month')),
                        ('enabled', models.BooleanField(default=True, verbose_name='enabled')),
                        ('grace_minutes', models.PositiveIntegerField(default=10, help_text='If the scheduler was down when the job was due, it still runs the job once on return if no more than this many minutes have passed.', validators=[django.core.validators.MaxValueValidator(10080)], verbose_name='grace (minutes)')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                    ],
                    options={
                        'db_table': 'cms_jobschedule',
                        'verbose_name': 'job schedule',
                        'verbose_name_plural': 'job schedules',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='SchedulerLease',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(default='default', max_length=50, unique=True)),
                        ('holder', models.CharField(blank=True, max_length=200)),
                        ('expires_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('acquired_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'db_table': 'cms_schedulerlease',
                        'verbose_name': 'scheduler lease',
                        'verbose_name_plural': 'scheduler leases',
                    },
                ),
                migrations.CreateModel(
                    name='JobRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('job', models.CharField(db_index=True, max_length=100, verbose_name='job')),
                        ('trigger', models.CharField(choices=[('schedule', 'Schedule'), ('late', 'Late catch-up'), ('run_now', 'Run now')], default='schedule', max_length=10, verbose_name='trigger')),
                        ('scheduled_for', models.DateTimeField(verbose_name='due at')),
                        ('enqueued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='enqueued at')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('duration', models.DurationField(blank=True, null=True, verbose_name='duration')),
                        ('outcome', models.CharField(choices=[('enqueued', 'Enqueued'), ('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed')], default='enqueued', max_length=10, verbose_name='outcome')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('task_result_id', models.CharField(blank=True, max_length=64, verbose_name='task id')),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                    ],
                    options={
                        'db_table': 'cms_jobrun',
                        'verbose_name': 'job run',
                        'verbose_name_plural': 'job runs',
                        'ordering': ['-scheduled_for', '-pk'],
                        'indexes': [models.Index(fields=['job', '-scheduled_for'], name='cms_jobrun_job_88c4db_idx')],
                        'constraints': [models.UniqueConstraint(fields=('job', 'scheduled_for'), name='cms_jobrun_fires_once')],
                    },
                ),
            ],
        ),
    ]
