"""Settings of the visitor-activity benchmark's servers: the test settings with
the real password hasher (a lockout's saving is the hash it skips), traffic
and the request rate batched per process as in production, and Redis when ``REDIS_URL`` is set (the
benchmark gives each run its own key prefix)."""

import os

from cms.settings.test import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
SECURITY_TRAFFIC_PUSH_SECONDS = 5
SECURITY_RATE_BATCH = 10
SECURITY_BLOCK_REFRESH_SECONDS = 2
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "bench"),
        }
    }
