"""Admin registrations of the partners app (registration only; screens live in views/)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

# Partner accounts, members and stale structures (views/admin.py) -------------------------------
from .notifications import REMINDER_LOG_ACTION
from .views.admin import PartnerAccountsViewSetGroup, StaleStructuresReportView


@hooks.register("register_admin_viewset")
def register_partner_accounts():
    return PartnerAccountsViewSetGroup()


@hooks.register("register_admin_urls")
def register_stale_structures_report():
    view = StaleStructuresReportView.as_view()
    results_view = StaleStructuresReportView.as_view(results_only=True)
    return [
        path("rapports/fiches-a-verifier/", view, name="partners_stale_structures"),
        path(
            "rapports/fiches-a-verifier/resultats/",
            results_view,
            name="partners_stale_structures_results",
        ),
    ]


class StaleStructuresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("partners.change_partnerspace")


@hooks.register("register_reports_menu_item")
def register_stale_structures_menu_item():
    return StaleStructuresMenuItem(
        "Fiches à vérifier",
        reverse("partners_stale_structures"),
        name="fiches-a-verifier",
        icon_name="time",
        order=900,
    )


@hooks.register("register_log_actions")
def register_reminder_log_action(actions):
    actions.register_action(
        REMINDER_LOG_ACTION, "Rappel de vérification", "Rappel de vérification envoyé aux membres"
    )


# Isolation between partners (partners/permissions.py) ------------------------------------------
from .permissions import (  # noqa: E402
    bulk_actions_listing_only_actionable_items,
    publish_becomes_submission,
    refuse_move_without_permission,
    reports_menu_for,
    visible_in_choosers,
)


@hooks.register("construct_page_chooser_queryset")
def hide_other_structures_drafts_from_page_choosers(pages, request):
    return visible_in_choosers(pages, request.user)


@hooks.register("before_move_page")
def refuse_move_confirmation_without_permission(request, page, destination):
    return refuse_move_without_permission(request, page, destination)


@hooks.register("before_edit_page")
def submit_instead_of_publishing(request, page):
    publish_becomes_submission(request, page, page.permissions_for_user(request.user).can_publish())


@hooks.register("before_create_page")
def submit_new_page_instead_of_publishing(request, parent_page, page_class):
    # A new page inherits its parent's workflow and the user's rights there.
    permissions = parent_page.permissions_for_user(request.user)
    publish_becomes_submission(request, parent_page, permissions.can_publish_subpage())


@hooks.register("construct_reports_menu")
def keep_wagtail_reports_to_publishers(request, menu_items):
    reports_menu_for(request.user, menu_items)


# Registered after Wagtail's own (order 1), which they replace.
for bulk_action in bulk_actions_listing_only_actionable_items():
    hooks.register("register_bulk_action", bulk_action, order=1)


# Placing a structure on a map in its editor (static/js/admin-location.js) ---------------------
from django.conf import settings  # noqa: E402
from django.db.models import Avg  # noqa: E402
from django.template.defaultfilters import filesizeformat  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.utils.html import format_html  # noqa: E402

from .models import StructurePage  # noqa: E402

# Where the editor's map opens when no structure has coordinates yet (mainland France).
DEFAULT_MAP_CENTRE = (46.6, 2.4)


@hooks.register("insert_global_admin_js")
def upload_limits_js():
    """The script that refuses a file over its limit as soon as it is picked, in every admin
    form and chooser (the server refuses it too, but a chooser's modal would not say so)."""
    image_limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    document_limit = min(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.UPLOAD_MAX_REQUEST_SIZE)
    return format_html(
        '<script src="{}" data-image-limit="{}" data-image-label="{}" data-document-limit="{}" '
        'data-document-label="{}" defer></script>',
        static("js/admin-upload-limits.js"),
        image_limit,
        filesizeformat(image_limit),
        document_limit,
        filesizeformat(document_limit),
    )


@hooks.register("insert_editor_js")
def location_map_js():
    """The script that adds a map under a structure's latitude and longitude.

    It loads Leaflet only on editors that have the "maillage-location" panel. A new
    structure's map opens on the middle of the structures already placed.
    """
    centre = StructurePage.objects.filter(latitude__isnull=False).aggregate(
        latitude=Avg("latitude"), longitude=Avg("longitude")
    )
    latitude, longitude = (
        (centre["latitude"], centre["longitude"])
        if centre["latitude"] is not None
        else DEFAULT_MAP_CENTRE
    )
    return format_html(
        '<script src="{}" data-leaflet-js="{}" data-leaflet-css="{}" data-tile-url="{}" '
        'data-tile-attribution="{}" data-icon-url="{}" data-icon-retina-url="{}" '
        'data-shadow-url="{}" data-centre="{}" defer></script>',
        static("js/admin-location.js"),
        static("vendor/leaflet/leaflet.js"),
        static("vendor/leaflet/leaflet.css"),
        settings.MAP_TILE_URL,
        settings.MAP_TILE_ATTRIBUTION,
        static("vendor/leaflet/images/marker-icon.png"),
        static("vendor/leaflet/images/marker-icon-2x.png"),
        static("vendor/leaflet/images/marker-shadow.png"),
        f"{float(latitude):.6f},{float(longitude):.6f}",
    )


# The partners' wall: moderation of its cards, and a way from the admin to the wall -----------
from .wall_admin import ReseauViewSetGroup, open_wall, wall_menu_item  # noqa: E402


@hooks.register("register_admin_viewset")
def register_reseau():
    return ReseauViewSetGroup()


@hooks.register("register_admin_urls")
def register_wall_link():
    return [path("reseau/", open_wall, name="partners_wall")]


@hooks.register("register_admin_menu_item")
def register_wall_menu_item():
    return wall_menu_item()
