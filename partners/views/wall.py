"""The partners' wall, /reseau/: the screens WallPage's routes answer.

Every view begins with `require_member`: the page's "logged-in users only" restriction already
sends anonymous visitors to log in, but the wall must stay closed even if that restriction were
removed by mistake. A card is only ever looked up among the member's own cards when it is
edited or withdrawn, so a tampered id is a 404, never someone else's card.
"""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.models import CallForProjectsPage, Theme

from .. import wall_mail
from ..members import is_wall_moderator, require_member, structure_of
from ..models import (
    MemberPreferences,
    WallCard,
    WallCardStatus,
    WallModeration,
    WallSettings,
)
from ..private_files import IMAGE_EXTENSIONS, private_file_response
from ..uploads import extension_of
from ..wall_forms import PreferencesForm, WallCardForm, WallFilterForm

CARDS_PER_PAGE = 20
CALLS_IN_SIDEBAR = 5
RATE_WINDOW = datetime.timedelta(hours=24)
# A card's files change only with the card: members' browsers may keep them an hour.
CACHE = "private, max-age=3600"


def subpage_url(request, page, route, *args):
    return page.get_url(request) + page.reverse_subpage(route, args=args)


def render(request, page, template, context=None, status=200, current=None):
    response = page.render(
        request,
        template=template,
        context_overrides={"current": current, **(context or {})},
    )
    response.status_code = status
    return response


def with_card_data(cards):
    """What a card shows, in a fixed number of queries whatever the number of cards."""
    return cards.select_related("author", "structure").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name"))
    )


# The wall --------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def card_list(request, page):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    form = WallFilterForm(request.GET)
    cards = form.filter(WallCard.objects.on_wall_for(request.user)).order_by("-created_at", "-pk")
    paginator = Paginator(with_card_data(cards), CARDS_PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    calls = (
        CallForProjectsPage.objects.live()
        .public()
        .open()
        .order_by("deadline", "title")[:CALLS_IN_SIDEBAR]
    )
    return render(
        request,
        page,
        "pages/partners/wall_page.html",
        {
            "form": form,
            "results": results,
            "paginator": paginator,
            "calls": list(calls),
        },
        current="cards",
    )


# Posting and editing ------------------------------------------------------------------------------


def posted_in_window(user, now=None):
    since = (now or timezone.now()) - RATE_WINDOW
    return WallCard.objects.filter(author=user, created_at__gte=since).count()


@require_http_methods(["GET", "HEAD", "POST"])
def card_create(request, page):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    settings = WallSettings.for_request(request)
    if request.method != "POST":
        return render_card_form(request, page, WallCardForm())
    form = WallCardForm(request.POST, request.FILES)
    if posted_in_window(request.user) >= settings.cards_per_day:
        # The form comes back as sent: nothing typed is lost, nothing is saved.
        response = render_card_form(
            request, page, form, status=429, rate_limited=settings.cards_per_day
        )
        response["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
        return response
    if not form.is_valid():
        return render_card_form(request, page, form)
    card = form.save(commit=False)
    card.author = request.user
    card.structure = structure_of(request.user)
    publish_or_queue(card, request.user, settings)
    with transaction.atomic():
        card.save()
        form.save_m2m()
    after_save(request, card)
    return redirect(subpage_url(request, page, "my_cards"))


@require_http_methods(["GET", "HEAD", "POST"])
def card_edit(request, page, card_id):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    card = own_card(request, card_id)
    if request.method != "POST":
        return render_card_form(request, page, WallCardForm(instance=card), card=card)
    form = WallCardForm(request.POST, request.FILES, instance=card)
    if not form.is_valid():
        return render_card_form(request, page, form, card=card)
    card = form.save(commit=False)
    publish_or_queue(card, request.user, WallSettings.for_request(request))
    with transaction.atomic():
        card.save()
        form.save_m2m()
    after_save(request, card, editing=True)
    return redirect(subpage_url(request, page, "my_cards"))


def own_card(request, card_id):
    """The member's own card (not withdrawn): anyone else's, or none, is a 404."""
    return get_object_or_404(
        WallCard.objects.by(request.user).exclude(status=WallCardStatus.WITHDRAWN), pk=card_id
    )


def publish_or_queue(card, user, settings):
    """Published at once under post-moderation (or when a moderator posts), else pending.

    A refused card that its author corrects goes back to the coordination whatever the mode,
    and under pre-moderation any edit is reviewed again.
    """
    post_moderated = (
        settings.moderation == WallModeration.AFTER and card.status != WallCardStatus.REJECTED
    )
    if is_wall_moderator(user) or post_moderated:
        card.set_status(WallCardStatus.PUBLISHED)
    else:
        card.set_status(WallCardStatus.PENDING)


def after_save(request, card, editing=False):
    if card.is_pending:
        transaction.on_commit(lambda: wall_mail.send_card_to_moderate(card))
        messages.success(
            request,
            f"Votre carte « {card.title} » est enregistrée. Elle paraîtra sur le mur dès que la "
            "coordination l'aura validée.",
        )
    else:
        verb = "modifiée" if editing else "publiée"
        messages.success(request, f"Votre carte « {card.title} » est {verb} sur le mur.")


def render_card_form(request, page, form, card=None, status=200, rate_limited=None):
    return render(
        request,
        page,
        "pages/partners/wall_card_form.html",
        {
            "form": form,
            "card": card,
            "rate_limited": rate_limited,
            "moderation": WallSettings.for_request(request).moderation,
        },
        status=status,
        current=None if card else "post_card",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def card_withdraw(request, page, card_id):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    card = own_card(request, card_id)
    if request.method != "POST":
        return render(request, page, "pages/partners/wall_card_withdraw.html", {"card": card})
    card.status = WallCardStatus.WITHDRAWN
    card.save(update_fields=["status", "updated_at"])
    messages.success(request, f"Votre carte « {card.title} » est retirée du mur.")
    return redirect(subpage_url(request, page, "my_cards"))


# Files --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def card_file(request, page, card_id, which):
    """A card's image or attachment, for members who may see the card; a 404 otherwise.

    Files are stored under reseau/, which the media URL never serves: this view is their only
    way out. The type comes from an allow-list (never from the upload), the browser may not
    sniff another, and a sandbox policy keeps a hostile file from running anything.
    """
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    if which not in ("image", "piece-jointe"):
        raise Http404
    card = get_object_or_404(WallCard.objects.readable_by(request.user), pk=card_id)
    if which == "image":
        if extension_of(card.image.name) not in IMAGE_EXTENSIONS:
            raise Http404
        return private_file_response(card.image, as_attachment=False, cache_control=CACHE)
    return private_file_response(card.attachment, as_attachment=True, cache_control=CACHE)


# My cards and preferences -------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def my_cards(request, page):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    cards = with_card_data(
        WallCard.objects.by(request.user)
        .exclude(status=WallCardStatus.WITHDRAWN)
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        page,
        "pages/partners/wall_my_cards.html",
        {"cards": cards, "today": timezone.localdate()},
        current="my_cards",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, page):
    refusal = require_member(request)
    if refusal is not None:
        return refusal
    instance = MemberPreferences.objects.filter(user=request.user).first() or MemberPreferences(
        user=request.user
    )
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            "Vous recevrez la lettre hebdomadaire du réseau."
            if form.instance.weekly_digest
            else "Vous ne recevrez plus la lettre hebdomadaire du réseau.",
        )
        return redirect(subpage_url(request, page, "preferences"))
    return render(
        request,
        page,
        "pages/partners/wall_preferences.html",
        {"form": form},
        current="preferences",
    )


@csrf_exempt  # the token is the credential; mail clients post here without a CSRF cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The digest's unsubscribe link: no login, and it can only turn off that user's digest.

    A GET shows a button (mail scanners follow links: they must not unsubscribe anyone); a
    POST unsubscribes, from that button or from a mail client's one-click button (RFC 8058).
    """
    user_id = wall_mail.user_id_from_token(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    context = {"valid": user is not None, "done": False}
    status = 200 if user is not None else 404
    if user is not None and request.method == "POST":
        MemberPreferences.objects.update_or_create(user=user, defaults={"weekly_digest": False})
        context["done"] = True
    context["wall_url"] = wall_mail.wall_url("preferences")
    return TemplateResponse(request, "pages/partners/wall_unsubscribe.html", context, status=status)
