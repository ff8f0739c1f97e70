"""Counting what one client sends, without keeping its address.

Used by the "Devenir partenaire" form's hourly limit (partners/views/join.py) and the
shared-password forms' lockout (home/shared_passwords.py). The client's address is read as
django-axes reads it for the logins: the TCP peer, or behind TRUSTED_PROXY_COUNT reverse proxies
the X-Forwarded-For entry they vouch for (site/settings/base.py). Only a keyed hash of it goes
into a cache key.
"""

import hashlib
import hmac

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def client_digest(request):
    """A keyed hash of the client's address, for cache keys."""
    address = get_client_ip_address(request) or ""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def count(key, timeout):
    """Add one to the count under `key` (kept `timeout` seconds from its first) and return it.

    Atomic where the cache is (Redis, local memory): requests sent at once each get their own
    number.
    """
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout)
        return 1
