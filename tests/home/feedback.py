"""Helpers for tests that post the public feedback form like a person."""

from __future__ import annotations

import time

import time_machine

from home.antibot import TOKEN_FIELD, issue_token

VALID = {
    "nama": "Siti Rahma",
    "email": "siti@example.com",
    "nomor_telepon": "",
    "kategori": "Saran",
    "pesan": "Mohon tambah jadwal pemeriksaan hari Sabtu.",
}


def aged_token(seconds: float = 30) -> str:
    """A form token as if the page had been opened ``seconds`` ago."""
    with time_machine.travel(time.time() - seconds, tick=False):
        return issue_token()


def person(**changes) -> dict[str, str]:
    """VALID, as a person who took their time would post it."""
    return {**VALID, TOKEN_FIELD: aged_token(), **changes}
