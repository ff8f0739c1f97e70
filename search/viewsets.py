"""The coordination keeps the search's synonyms (model permissions from the search migrations)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Synonymes de la recherche"
    menu_name = "synonyms"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["__str__", "note"]
    search_fields = ["expressions", "note"]
    list_export = ["expressions", "note"]
    export_filename = "synonymes"
