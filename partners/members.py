"""Who belongs to the partners' network: the people the wall (/reseau/) is open to.

Members are the accounts that may enter Wagtail's admin (partners, communication officers, the
coordination): the site has no other kind of account. The wall page carries Wagtail's
"logged-in users only" restriction as well; `require_member` is the check its views make
themselves, so that the wall stays closed even if that restriction were removed by mistake.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .accounts import spaces_of


def is_member(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )


def login_url():
    return getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse("wagtailadmin_login")


def require_member(request):
    """None for a member; a redirect to log in for a visitor; PermissionDenied otherwise."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url())
    if not is_member(request.user):
        raise PermissionDenied
    return None


def structure_of(user):
    """The structure a partner posts for: the first of its partner spaces (None for staff)."""
    space = spaces_of(user).order_by("pk").first()
    return space.structure.specific if space is not None else None


def is_wall_moderator(user):
    return user.has_perm("partners.change_wallcard")
