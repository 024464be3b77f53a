"""The cache: Redis in production (one client per process, degrading to "nothing cached" while
Redis is unreachable), and versions that cached pages are keyed by.

What we cache (login rate-limit counters, machina's permission caches, rendered forum pages) is
best effort; a Redis outage must not turn the login page or any other page into a 500.

Versions: a page cached under the current versions of what it shows is correct by
construction; a change bumps the versions it touches (`bump`) and the next view computes
anew. A version is a random token, never a counter: a version lost from the cache (eviction,
Redis restarted) comes back as a new token, never as an old one that cached pages still use.
"""

import logging
import secrets
import threading

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
VERSION_PREFIX = "v:"
# How members are shown (their names): bumped when someone is renamed or erased, read by every
# cached page that shows people.
PEOPLE = "people"


class OneRedisPerPoolClient(RedisCacheClient):
    """Django's Redis client builds a redis.Redis object for every command (its constructor
    fills some 170 response callbacks); redis.Redis is thread-safe: one per pool is enough."""

    def get_client(self, _key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients_by_pool", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    # Django builds a cache object per request context (per request under ASGI), each with its
    # own redis-py client and connection pool: every request opened a new Redis connection.
    # One client per process and location, whose pool is thread-safe, keeps them open.
    _shared_clients: dict = {}
    _shared_lock = threading.Lock()

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneRedisPerPoolClient

    @property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        client = self._shared_clients.get(key)
        if client is None:
            with self._shared_lock:
                client = self._shared_clients.get(key)
                if client is None:
                    client = self._class(self._servers, **self._options)
                    self._shared_clients[key] = client
        return client

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
        return self._or(delta, self._incr_existing, key, delta, version)

    # Django's Redis incr asks EXISTS, then INCRBY: two round trips. One script does both.
    _INCR_EXISTING = (
        "if redis.call('EXISTS', KEYS[1]) == 1 then "
        "return redis.call('INCRBY', KEYS[1], ARGV[1]) end return false"
    )

    def _incr_existing(self, key, delta, version):
        key = self.make_and_validate_key(key, version=version)
        value = self._cache.get_client(key, write=True).eval(self._INCR_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def clear(self):
        return self._or(None, super().clear)


def _token() -> str:
    return secrets.token_hex(8)


def versions(names, *, also=()) -> tuple[dict[str, str], dict]:
    """The current version of each name, and the cached values of the keys in `also`, in one
    round trip: ({name: version}, {key: value found}). Missing versions are created."""
    keys = [VERSION_PREFIX + name for name in names]
    found = cache.get_many([*keys, *also])
    current, missing = {}, {}
    for name, key in zip(names, keys, strict=True):
        value = found.get(key)
        if value is None:
            value = missing[key] = _token()
        current[name] = value
    if missing:
        # Two requests creating the same version at once both hold a new token: what either
        # caches under the token that loses is never read again.
        cache.set_many(missing, timeout=None)
    return current, {key: found[key] for key in also if key in found}


def bump(*names: str) -> None:
    """New versions for these names: pages cached under the old ones are never served again.

    Set now (other requests stop using what this transaction is changing) and again once the
    transaction commits: a request that read the database between the two cached what was
    there before the commit, under the first new token, which the second one retires.
    """
    if not names:
        return

    def set_new_tokens():
        cache.set_many({VERSION_PREFIX + name: _token() for name in names}, timeout=None)

    set_new_tokens()
    transaction.on_commit(set_new_tokens)
