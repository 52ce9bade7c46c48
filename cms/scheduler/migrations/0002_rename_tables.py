"""Tables, index and constraint get the scheduler's names; content types move.

Moving the content types (rather than letting new ones be created) keeps the
groups' permissions on schedules and the schedules' history (Wagtail's
ModelLogEntry rows point at the content type) as they were. The pruning job was
named after the old app: its schedule and runs follow the new name.
"""

from django.conf import settings
from django.db import migrations, models

MODELS = ("jobschedule", "jobrun", "schedulerlease")
OLD_JOB, NEW_JOB = "cms.prune_job_runs", "scheduler.prune_job_runs"


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for model in MODELS:
        old = ContentType.objects.filter(app_label="cms", model=model).first()
        if old is None:
            continue  # a new database: post_migrate creates the new ones
        new = ContentType.objects.filter(app_label="scheduler", model=model).first()
        if new is None:
            old.app_label = "scheduler"
            old.save(update_fields=["app_label"])
            continue
        # Both exist (migrate ran with the new code before): merge into the new.
        ModelLogEntry.objects.filter(content_type=old).update(content_type=new)
        for old_perm in Permission.objects.filter(content_type=old):
            new_perm = Permission.objects.filter(
                content_type=new, codename=old_perm.codename
            ).first()
            if new_perm is not None:
                for group in Group.objects.filter(permissions=old_perm):
                    group.permissions.add(new_perm)
                for user in User.objects.filter(user_permissions=old_perm):
                    user.user_permissions.add(new_perm)
        old.delete()


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="cms", model=model).exists():
            ContentType.objects.filter(app_label="scheduler", model=model).update(
                app_label="cms"
            )


def rename_job(old, new):
    def rename(apps, schema_editor):
        JobSchedule = apps.get_model("scheduler", "JobSchedule")
        JobRun = apps.get_model("scheduler", "JobRun")
        if not JobSchedule.objects.filter(name=new).exists():
            JobSchedule.objects.filter(name=old).update(name=new)
        JobRun.objects.filter(job=old).update(job=new)

    return rename


class Migration(migrations.Migration):

    dependencies = [
        ("scheduler", "0001_initial"),
        ("cms", "0002_scheduler_moves_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelTable(name="jobschedule", table=None),
        migrations.AlterModelTable(name="jobrun", table=None),
        migrations.AlterModelTable(name="schedulerlease", table=None),
        migrations.RenameIndex(
            model_name="jobrun",
            new_name="scheduler_jobrun_job_idx",
            old_name="cms_jobrun_job_88c4db_idx",
        ),
        migrations.RemoveConstraint(model_name="jobrun", name="cms_jobrun_fires_once"),
        migrations.AddConstraint(
            model_name="jobrun",
            constraint=models.UniqueConstraint(
                fields=("job", "scheduled_for"), name="scheduler_jobrun_fires_once"
            ),
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(
            rename_job(OLD_JOB, NEW_JOB), rename_job(NEW_JOB, OLD_JOB)
        ),
    ]
