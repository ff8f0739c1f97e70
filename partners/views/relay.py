"""Relay requests on the partners' wall: ask the coordination to relay an information.

Routes of WallPage (partners/models.py):
- relais/: the request form. A valid request is saved, Coordination and Communication are
  e-mailed, and the member lands on their list with a confirmation (POST/redirect/GET). A member
  sends at most WallSettings.relay_requests_per_day requests in 24 hours; beyond that the form
  comes back with what they typed and a 429. `?campagne=<id>` preselects a live campaign (the
  campaign page links here to propose material for its kit).
- relais/mes-demandes/: the member's own requests, their state and the coordination's note.
- relais/<id>/fichier/: an attachment, for its requester and the staff who handle requests
  only; a 404 for anyone else, so that ids reveal nothing.
"""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from ..members import require_member, structure_of
from ..models import RelayRequest, WallSettings
from ..private_files import private_file_response
from ..relay_forms import RelayRequestForm, live_campaigns
from ..relay_notifications import send_new_relay_request

RATE_WINDOW = datetime.timedelta(hours=24)


def is_over_rate_limit(request):
    limit = WallSettings.for_request(request).relay_requests_per_day
    since = timezone.now() - RATE_WINDOW
    return RelayRequest.objects.by(request.user).sent_since(since).count() >= limit


def preselected_campaign(query):
    """The campaign named by ?campagne=<id> if it is live; anything else is ignored."""
    value = query.get("campagne", "")
    if not value.isdigit():
        return None
    return live_campaigns().filter(pk=int(value)).values_list("pk", flat=True).first()


def render_form(request, page, form, status=200, rate_limited=False):
    context = {
        "page": page,
        "self": page,
        "form": form,
        "rate_limited": rate_limited,
        # A file input cannot be filled again: say so when a form sent with a file comes back.
        "file_dropped": bool(request.FILES),
    }
    return TemplateResponse(request, "pages/partners/relay_form.html", context, status=status)


@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def request_create(request, page):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    if request.method != "POST":
        campaign = preselected_campaign(request.GET)
        form = RelayRequestForm(initial={"campaign": campaign} if campaign else None)
        return render_form(request, page, form)
    if is_over_rate_limit(request):
        # The same form, filled with what was sent, but not checked nor saved.
        form = RelayRequestForm(initial=request.POST.dict())
        response = render_form(request, page, form, status=429, rate_limited=True)
        response["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
        return response
    form = RelayRequestForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_form(request, page, form)
    relay = form.save_for(request.user, structure_of(request.user))
    transaction.on_commit(lambda: send_new_relay_request(relay))
    messages.success(
        request,
        f"Votre demande « {relay.subject} » est envoyée à la coordination. Vous recevrez un "
        "courriel quand elle l'aura traitée.",
    )
    return redirect(page.get_url(request) + page.reverse_subpage("my_relay_requests"))


@require_http_methods(["GET", "HEAD"])
def my_requests(request, page):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    relay_requests = RelayRequest.objects.by(request.user).select_related("campaign")
    return TemplateResponse(
        request,
        "pages/partners/relay_list.html",
        {"page": page, "self": page, "relay_requests": relay_requests},
    )


def serve_attachment(relay):
    """The attachment as a download no browser runs (pictures shown inline): see private_files."""
    return private_file_response(
        relay.attachment,
        as_attachment=not relay.has_image_attachment,
        cache_control="private, no-store",
    )


@require_http_methods(["GET", "HEAD"])
def request_file(request, page, request_id):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    relay = RelayRequest.objects.filter(pk=request_id).first()
    if relay is None or not relay.can_read_attachment(request.user):
        raise Http404
    return serve_attachment(relay)
