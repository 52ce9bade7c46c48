"""The generated first admin password, kept in a file only until it is changed.

``cms_ensure_admin`` writes the generated password to ``var/initial-admin.txt``
(mode 600) so a newcomer can log in; once the account's password is changed
(in the admin, with ``manage.py changepassword``, anywhere the user is saved)
or the account is gone, the file no longer opens anything and is removed.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser


def note_path() -> Path:
    return Path(settings.VAR_DIR) / "initial-admin.txt"


def write_note(*, url: str, username: str, password: str) -> Path:
    """Save the generated login, readable by its owner only."""
    note = note_path()
    note.parent.mkdir(parents=True, exist_ok=True)
    note.touch(mode=0o600)
    note.chmod(0o600)
    note.write_text(
        f"url: {url}\nusername: {username}\npassword: {password}\n", encoding="utf-8"
    )
    return note


def _read_note(note: Path) -> dict[str, str]:
    fields = {}
    for line in note.read_text(encoding="utf-8").splitlines():
        key, _sep, value = line.partition(": ")
        fields[key] = value.strip()
    return fields


def forget_changed_password(user: AbstractBaseUser | None = None) -> bool:
    """Remove the note once its password no longer logs its user in.

    With ``user`` (just saved), only that account is checked; without, the
    account is looked up by the note's username. Returns whether it removed
    the note.
    """
    note = note_path()
    if not note.exists():
        return False
    fields = _read_note(note)
    username = fields.get("username")
    if user is None:
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        stale = user is None
    elif user.get_username() != username:
        return False
    else:
        stale = False
    if stale or not user.check_password(fields.get("password", "")):
        note.unlink(missing_ok=True)
        return True
    return False
