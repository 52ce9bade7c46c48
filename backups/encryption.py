"""GPG encryption of archives (python-gnupg and the system's gpg), used only
when ``BACKUPS_GPG_RECIPIENT`` names a public key in the keyring.

The checksum is that of the encrypted file, so an archive is checked before it
is decrypted. Decryption is checked, not trusted (python-gnupg reports failure
through ``ok``, and an encrypted restore has been reported to fail silently:
django-dbbackup #295): anything but a clean decryption refuses the archive.
"""

from __future__ import annotations

from pathlib import Path

from backups import conf

SUFFIX = ".gpg"


class EncryptionError(Exception):
    pass


def recipient() -> str:
    return conf.get("BACKUPS_GPG_RECIPIENT") or ""


def _gpg():
    import gnupg

    home = conf.get("BACKUPS_GPG_HOME")
    return gnupg.GPG(gnupghome=str(home) if home else None)


def encrypt(source: Path, dest: Path) -> None:
    with open(source, "rb") as fh:
        result = _gpg().encrypt_file(
            fh, [recipient()], output=str(dest), armor=False, always_trust=True
        )
    if not result.ok or not dest.is_file():
        dest.unlink(missing_ok=True)
        raise EncryptionError(f"GPG could not encrypt the archive ({result.status}).")


def decrypt(source: Path, dest: Path) -> None:
    try:
        with open(source, "rb") as fh:
            result = _gpg().decrypt_file(fh, output=str(dest))
    except (OSError, ValueError) as err:
        raise EncryptionError("GPG could not run to decrypt the archive.") from err
    if not result.ok or not dest.is_file() or dest.stat().st_size == 0:
        dest.unlink(missing_ok=True)
        raise EncryptionError(
            "The archive is encrypted with a key this machine does not hold."
        )
