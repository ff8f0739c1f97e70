"""Wagtail's shared-password forms, throttled like the login form.

An editor may put a page (Wagtail's page privacy) or a collection of documents behind one shared
password. Wagtail checks that password in its own views, which never call django.contrib.auth,
so django-axes does not see them: anyone could try passwords without end. These wrappers count
the wrong answers per restriction and client address (the address django-axes reads: the TCP
peer, or the X-Forwarded-For entry TRUSTED_PROXY_COUNT proxies vouch for), in the cache and
under a keyed hash of the address, never the address itself. The AXES_FAILURE_LIMIT-th wrong
answer, and any answer after it, gets a 429 page for AXES_COOLOFF_TIME, counted again from each
attempt made meanwhile; the right password clears the count. site/urls.py mounts them in front
of Wagtail's own URLs, at the same addresses.
"""

import contextlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views

from .client_counts import client_digest, count


def failures_key(kind, restriction_id, request):
    return f"shared-password:{kind}:{restriction_id}:{client_digest(request)}"


def cooloff_seconds():
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def locked_response(request):
    response = TemplateResponse(
        request,
        "account/password_locked.html",
        {"cooloff_minutes": max(1, cooloff_seconds() // 60)},
        status=429,
    )
    response["Retry-After"] = str(cooloff_seconds())
    return response


def count_attempt(key):
    """Count one more attempt under `key` and return the count, restarting the cool-off.

    Counted before the password is checked: attempts sent at the same time each get their own
    number, so that a burst of them cannot be checked more than the limit allows.
    """
    attempt = count(key, cooloff_seconds())
    cache.touch(key, cooloff_seconds())
    return attempt


def throttled(kind, restriction_kwarg, view):
    """`view`, a Wagtail password view, behind the count of wrong answers."""

    @wraps(view)
    def wrapped(request, **kwargs):
        if request.method != "POST":
            return view(request, **kwargs)
        key = failures_key(kind, kwargs[restriction_kwarg], request)
        attempt = count_attempt(key)
        if attempt > settings.AXES_FAILURE_LIMIT:
            return locked_response(request)
        try:
            response = view(request, **kwargs)
        except Http404:  # no such restriction or page: not an attempt at a password
            with contextlib.suppress(ValueError):
                cache.decr(key)
            raise
        if 300 <= response.status_code < 400:  # the right password: Wagtail sends on
            cache.delete(key)
        elif attempt >= settings.AXES_FAILURE_LIMIT:  # the form again, with its error
            return locked_response(request)  # as django-axes: the lockout is said at once
        return response

    return wrapped


page_password = throttled("page", "page_view_restriction_id", page_views.authenticate_with_password)
document_password = throttled(
    "collection", "restriction_id", document_views.authenticate_with_password
)
