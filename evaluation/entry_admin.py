"""Admin screens for indicators and their values (hooks registered on import).

The "Évaluation" menu (coordination) is `viewsets.EvaluationViewSetGroup`: its listings
(indicators, history of values, reference lists) and every menu item returned by a function
registered with the **`register_evaluation_menu_item`** hook. Another module adds an item so:

    from wagtail import hooks
    from wagtail.admin.menu import MenuItem

    @hooks.register("register_evaluation_menu_item")
    def register_attendance_menu_item():
        return MenuItem("Participation aux séances", reverse("…"), icon_name="group", order=400)

Orders: the entry screens use 100–300, the listings 810–900; other modules take 400–800. The
menu shows the items whose `is_shown(request)` is true, and only if one of them is.

Partners never see that menu's entry screens: those carrying an action with indicators given
to the carrying structure get one "Mes indicateurs" item, leading to the same grid.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .entry import enterable_actions, may_validate
from .models import IndicatorValueChange
from .views.grid import ActionListView, GridView, IndicatorHistoryView, PeriodsView
from .views.missing import MissingView
from .views.review import PendingView
from .viewsets import (
    EVALUATION_MENU_HOOK,
    EvaluationViewSetGroup,
    ViewOnlyPermissionPolicy,
    refuse_deleting_indicators_with_values,
)

# The history of values is read, never written, in the admin.
register_permission_policy(
    IndicatorValueChange, ViewOnlyPermissionPolicy(IndicatorValueChange), exact_class=True
)

# The "Évaluation" menu and its listings (viewsets.py).
register_snippet(EvaluationViewSetGroup)

hooks.register("before_delete_snippet", refuse_deleting_indicators_with_values)


@hooks.register("register_admin_urls")
def register_entry_urls():
    return [
        path("evaluation/saisie/", ActionListView.as_view(), name="evaluation_entry_actions"),
        path(
            "evaluation/saisie/<int:action_pk>/<int:year>/",
            GridView.as_view(),
            name="evaluation_entry_grid",
        ),
        path(
            "evaluation/saisie/<int:action_pk>/<int:year>/<int:indicator_pk>/",
            PeriodsView.as_view(),
            name="evaluation_entry_periods",
        ),
        path(
            "evaluation/saisie/historique/<int:indicator_pk>/",
            IndicatorHistoryView.as_view(),
            name="evaluation_entry_history",
        ),
        path("evaluation/a-valider/", PendingView.as_view(), name="evaluation_pending"),
        path("evaluation/manquants/", MissingView.as_view(), name="evaluation_missing"),
    ]


# Menu items ----------------------------------------------------------------------------------


class CoordinationMenuItem(MenuItem):
    def is_shown(self, request):
        return may_validate(request.user)


def carries_indicators(request):
    """Whether the user is a partner with indicators to enter (cached on the request)."""
    if not hasattr(request, "_evaluation_carries_indicators"):
        user = request.user
        request._evaluation_carries_indicators = (
            not may_validate(user) and enterable_actions(user).exists()
        )
    return request._evaluation_carries_indicators


class PartnerIndicatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return carries_indicators(request)


@hooks.register(EVALUATION_MENU_HOOK)
def register_entry_menu_item():
    return CoordinationMenuItem(
        "Saisie des indicateurs",
        reverse("evaluation_entry_actions"),
        name="evaluation-saisie",
        icon_name="form",
        order=100,
    )


@hooks.register(EVALUATION_MENU_HOOK)
def register_pending_menu_item():
    return CoordinationMenuItem(
        "À valider",
        reverse("evaluation_pending"),
        name="evaluation-a-valider",
        icon_name="tasks",
        order=200,
    )


@hooks.register(EVALUATION_MENU_HOOK)
def register_missing_menu_item():
    return CoordinationMenuItem(
        "Manquants",
        reverse("evaluation_missing"),
        name="evaluation-manquants",
        icon_name="warning",
        order=300,
    )


@hooks.register("register_admin_menu_item")
def register_partner_indicators_menu_item():
    return PartnerIndicatorsMenuItem(
        "Mes indicateurs",
        reverse("evaluation_entry_actions"),
        name="mes-indicateurs",
        icon_name="form",
        order=275,
    )
