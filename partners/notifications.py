"""E-mails of partner accounts: new requests, invitations, refusals, verification reminders.

Each message is a plain-text template under templates/partners/emails/ (a `_subject.txt` and a
`.txt` body). Links are absolute, built on WAGTAILADMIN_BASE_URL. A mail server that fails is
logged and reported to the caller (False), never turned into an error page: the data is saved
and the e-mail can be sent again.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

logger = logging.getLogger(__name__)

COORDINATION_GROUP = "Coordination"
# Recorded in a structure's history each time its members are reminded to check it.
REMINDER_LOG_ACTION = "partners.stale_reminder"


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(template, recipients, context):
    """Render templates/partners/emails/<template>{_subject,}.txt and send it; True if sent."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return False
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = render_to_string(f"partners/emails/{template}_subject.txt", context)
    body = render_to_string(f"partners/emails/{template}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        to=recipients,
        headers={"Auto-Submitted": "auto-generated"},
    )
    try:
        message.send()
    except OSError:  # smtplib's errors, refused connections and timeouts are all OSErrors
        logger.exception("E-mail %r could not be sent to %s", template, recipients)
        return False
    return True


def coordination_addresses():
    return (
        get_user_model()
        .objects.filter(groups__name=COORDINATION_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def send_new_request(partner_request):
    """Tell the coordination that a structure asked for an account."""
    return send(
        "new_request",
        coordination_addresses(),
        {
            "request": partner_request,
            "admin_url": absolute_url(
                reverse("partner_requests:inspect", args=[partner_request.pk])
            ),
        },
    )


def set_password_url(user):
    """A one-time link to choose a password: it stops working once a password is set."""
    return absolute_url(
        reverse(
            "wagtailadmin_password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )


def send_welcome(user, space):
    """Invite a user without a password to choose one; tell others of their new access."""
    context = {
        "user": user,
        "structure": space.structure,
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[space.structure_id])),
        "login_url": absolute_url(reverse("wagtailadmin_login")),
    }
    if user.has_usable_password():
        return send("access_granted", [user.email], context)
    context["set_password_url"] = set_password_url(user)
    context["valid_days"] = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return send("invitation", [user.email], context)


def send_rejection(partner_request):
    """Tell the requester that the request was refused, and why."""
    return send("rejection", [partner_request.email], {"request": partner_request})


def send_stale_reminder(structure, users):
    """Ask a structure's members to check their page; True if the e-mail left."""
    return send(
        "stale_reminder",
        [user.email for user in users],
        {
            "structure": structure,
            "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[structure.pk])),
            "page_url": structure.full_url,
        },
    )
