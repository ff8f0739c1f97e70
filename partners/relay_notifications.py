"""E-mails of relay requests: a new request to the staff who handle them, a decision to the partner.

Both go through partners.notifications.send (plain-text templates under
templates/partners/emails/relay_*, a mail server that fails is logged, never an error page).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from home.roles import COMMUNICATION

from .models import RelayStatus
from .notifications import COORDINATION_GROUP, absolute_url, send
from .wall_mail import wall_url

# Who reads and handles relay requests (partners/migrations/0004_wall_roles.py).
HANDLING_GROUPS = [COORDINATION_GROUP, COMMUNICATION]


def handler_addresses():
    return (
        get_user_model()
        .objects.filter(groups__name__in=HANDLING_GROUPS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def send_new_relay_request(relay_request):
    """Tell Coordination and Communication that a member asked for a relay."""
    return send(
        "relay_new",
        handler_addresses(),
        {
            "relay": relay_request,
            "details": relay_request.details_text,
            "requester": relay_request.requested_by,
            "admin_url": absolute_url(reverse("relay_requests:edit", args=[relay_request.pk])),
        },
    )


def send_relay_decision(relay_request):
    """Tell the requester that their request was relayed or declined, with the note."""
    requester = relay_request.requested_by
    if requester is None or relay_request.status == RelayStatus.NEW:
        return False
    return send(
        f"relay_{relay_request.status}",
        [requester.email],
        {
            "relay": relay_request,
            "requester": requester,
            "my_requests_url": wall_url("my_relay_requests"),
        },
    )
