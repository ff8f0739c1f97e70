"""The agenda's published state as a cache version: a feed is kept until something it shows changes.

The version changes on every publication, unpublication, move or deletion of a page (an event,
but also its organiser's title or its parent), when a taxonomy or the site's settings change,
and when the daily `update_occurrences` command moves the horizon. A feed is cached under the
version, the day and its filters: calendar applications polling it cost one cache read, and a
published change is in the next response.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "events:agenda-version"


def agenda_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def agenda_changed(**kwargs):
    """Forget every cached feed, now and again once the change is committed.

    (A feed rebuilt by another request between the two would otherwise keep what that request
    saw before the commit.)
    """
    _new_version()
    transaction.on_commit(_new_version)
