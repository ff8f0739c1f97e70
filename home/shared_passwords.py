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

import hashlib
import hmac
from functools import wraps

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views


def failures_key(kind, restriction_id, request):
    address = get_client_ip_address(request) or ""
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return f"shared-password:{kind}:{restriction_id}:{digest.hexdigest()}"


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


def throttled(kind, restriction_kwarg, view):
    """`view`, a Wagtail password view, behind the count of wrong answers."""

    @wraps(view)
    def wrapped(request, **kwargs):
        if request.method != "POST":
            return view(request, **kwargs)
        key = failures_key(kind, kwargs[restriction_kwarg], request)
        failures = cache.get(key, 0)
        if failures >= settings.AXES_FAILURE_LIMIT:
            cache.touch(key, cooloff_seconds())
            return locked_response(request)
        response = view(request, **kwargs)
        if 300 <= response.status_code < 400:  # the right password: Wagtail sends on
            cache.delete(key)
        elif response.status_code == 200:  # the form again, with its error
            cache.set(key, failures + 1, cooloff_seconds())
            if failures + 1 >= settings.AXES_FAILURE_LIMIT:  # as django-axes: said at once
                return locked_response(request)
        return response

    return wrapped


page_password = throttled("page", "page_view_restriction_id", page_views.authenticate_with_password)
document_password = throttled(
    "collection", "restriction_id", document_views.authenticate_with_password
)
