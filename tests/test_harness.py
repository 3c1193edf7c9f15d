"""The suite's own promises to its tests (docs/testing.md): what one test process does to the
shared services never reaches another's."""

import uuid

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from tests.fixtures import clear_cache


def test_clearing_the_cache_empties_this_process_and_leaves_every_other_key_alone():
    """With Redis (CI) the workers, the Celery broker and other runs share one database: a
    FLUSHDB here once took another worker's sessions away in the middle of its test."""
    cache = caches["default"]
    cache.set("mine", "here")
    theirs = f"samen-test-{uuid.uuid4().hex[:8]}:1:theirs"
    redis = cache._cache.get_client(None, write=True) if isinstance(cache, RedisCache) else None
    if redis is not None:
        redis.set(theirs, b"still here", ex=60)
    try:
        clear_cache()
        assert cache.get("mine") is None
        if redis is not None:
            assert redis.get(theirs) == b"still here"
    finally:
        if redis is not None:
            redis.delete(theirs)
