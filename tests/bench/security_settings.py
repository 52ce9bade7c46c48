"""Settings of the visitor-activity benchmark's servers: the test settings with
the real password hasher (a lockout's saving is the hash it skips) and the
rate signal out of the way of the load generator's many simulated visitors."""

from cms.settings.test import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
