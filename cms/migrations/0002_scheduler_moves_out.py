"""The scheduler's models now belong to the ``scheduler`` app (cms.scheduler).

State only: the tables stay; scheduler/migrations/0001 has taken them over.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0001_initial"),
        ("scheduler", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="JobRun"),
                migrations.DeleteModel(name="JobSchedule"),
                migrations.DeleteModel(name="SchedulerLease"),
            ],
        ),
    ]
