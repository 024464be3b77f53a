"""The production cache: Redis, degrading to "nothing cached" while Redis is unreachable.

What we cache (login rate-limit counters, machina's permission caches) is best effort; a Redis
outage must not turn the login page or any other page into a 500.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class ResilientRedisCache(RedisCache):
    def _or(self, fallback, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except UNREACHABLE:
            logger.warning("cache unavailable, going on without it", exc_info=True)
            return fallback

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def set(self, key, value, timeout=None, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        # As if the key were new: allauth's rate limiter reads False as "limit reached".
        return self._or(True, super().add, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._or(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._or(delta, super().incr, key, delta, version)

    def clear(self):
        return self._or(None, super().clear)
