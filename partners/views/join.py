"""The public "Devenir partenaire" form: a structure asks for a partner account.

A valid request is saved as pending, the coordination is e-mailed, and the visitor is redirected
to a thank-you page (POST/redirect/GET). Robots meet a honeypot (a filled one "succeeds" without
saving anything) and a limit of requests sent per client (a form with errors does not count);
the client's address is never stored, only a keyed hash of it lives in the cache for an hour.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from home.client_counts import client_digest, count

from .. import notifications
from ..forms import PartnerRequestForm

RATE_WINDOW = 60 * 60  # seconds


def rate_limit_key(request):
    return f"partners:join:{client_digest(request)}"


def is_over_rate_limit(request):
    """True once the client has sent as many requests as the window allows."""
    return cache.get(rate_limit_key(request), 0) >= settings.PARTNER_REQUESTS_PER_HOUR


def count_request(request):
    """Count one sent request (a form with errors is not one: correcting it costs nothing)."""
    count(rate_limit_key(request), RATE_WINDOW)


def render_join(request, directory, template, context=None, status=200):
    context = {"page": directory, "self": directory, **(context or {})}
    return TemplateResponse(request, template, context, status=status)


@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def join_view(request, directory):
    if request.method != "POST":
        return render_join(
            request, directory, "pages/partners/join.html", {"form": PartnerRequestForm()}
        )
    if is_over_rate_limit(request):
        response = render_join(
            request, directory, "pages/partners/join_rate_limited.html", status=429
        )
        response["Retry-After"] = str(RATE_WINDOW)
        return response
    form = PartnerRequestForm(request.POST)
    if not form.is_valid():
        return render_join(request, directory, "pages/partners/join.html", {"form": form})
    count_request(request)
    if not form.is_spam:
        partner_request = form.save()
        notifications.send_new_request(partner_request)
    return redirect(directory.get_url(request) + directory.reverse_subpage("join_thanks"))


@require_http_methods(["GET", "HEAD"])
def thanks_view(request, directory):
    return render_join(request, directory, "pages/partners/join_thanks.html")
