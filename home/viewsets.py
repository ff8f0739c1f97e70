"""Admin screens for the shared taxonomies ("Référentiels"), kept by the coordination.

Themes, publics, communes and communautés de communes describe structures, actions, events,
campaigns and action sheets; who may change them follows the model permissions the roles
migration gives (Coordination).
"""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Commune, Community, Public, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thématiques"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    list_export = ["name", "slug", "description"]
    export_filename = "thematiques"
    ordering = ["name"]


class PublicViewSet(SnippetViewSet):
    model = Public
    icon = "group"
    menu_label = "Publics"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    list_export = ["name", "slug", "sort_order"]
    export_filename = "publics"
    ordering = ["sort_order", "name"]


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "site"
    menu_label = "Communautés de communes"
    list_display = ["name", "short_name", "siren"]
    search_fields = ["name", "short_name", "siren"]
    list_export = ["name", "short_name", "slug", "siren"]
    export_filename = "communautes-de-communes"
    ordering = ["name"]


class CommuneFilterSet(WagtailFilterSet):
    class Meta:
        model = Commune
        fields = ["community"]


class CommuneViewSet(SnippetViewSet):
    model = Commune
    icon = "pick"
    menu_label = "Communes"
    list_display = ["name", "insee_code", "postal_code", "community"]
    search_fields = ["name", "insee_code", "postal_code"]
    filterset_class = CommuneFilterSet
    list_export = ["name", "insee_code", "postal_code", "community"]
    export_filename = "communes"
    ordering = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, PublicViewSet, CommunityViewSet, CommuneViewSet)
    menu_icon = "list-ul"
    menu_label = "Référentiels"
    menu_name = "taxonomies"
    menu_order = 300
