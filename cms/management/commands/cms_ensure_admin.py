"""Create the first admin account, once, and tell the newcomer how to log in."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.initial_admin import forget_changed_password, write_note
from cms.settings.env import envstr


class Command(BaseCommand):
    help = (
        "Create the initial superuser if no superuser exists. Username, email and "
        "password come from DJANGO_ADMIN_USERNAME, DJANGO_ADMIN_EMAIL and "
        "DJANGO_ADMIN_PASSWORD; without a password a random one is generated, "
        "printed once and written to var/initial-admin.txt (mode 600), which is "
        "removed once that password is changed."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if forget_changed_password():
            self.stdout.write(
                "Removed var/initial-admin.txt: its password no longer logs in."
            )
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account already exists; nothing to do.")
            return

        username = envstr("DJANGO_ADMIN_USERNAME", "admin")
        email = envstr("DJANGO_ADMIN_EMAIL", "admin@bkp.example.go.id")
        password = envstr("DJANGO_ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        else:
            try:
                validate_password(password, User(username=username, email=email))
            except ValidationError as err:
                raise CommandError(
                    "DJANGO_ADMIN_PASSWORD is too weak: " + " ".join(err.messages)
                ) from err

        User.objects.create_superuser(username=username, email=email, password=password)
        login_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        if generated:
            note = write_note(url=login_url, username=username, password=password)
            self.stdout.write(
                f"Created admin account. Log in at {login_url} as {username!r} "
                f"with password {password!r} (also saved in {note}, which is "
                "removed once you change the password)."
            )
        else:
            self.stdout.write(
                f"Created admin account {username!r} from the environment; "
                f"log in at {login_url}."
            )
