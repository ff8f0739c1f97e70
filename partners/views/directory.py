"""The directory's list, its map and the map's data, answered by StructureIndexPage's routes.

The three read the same GET form (partners/filters.py), so a filtered URL opens the same
results as a list, on the map, or as GeoJSON. The list works without JavaScript and stays the
accessible alternative to the map.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse

from ..filters import (
    Directory,
    DirectoryFilterForm,
    Show,
    attach_actions,
    attach_structures,
    with_action_card_data,
    with_card_data,
)
from ..models import Typology

RESULTS_PER_PAGE = 20


def list_view(request, index):
    return index.render(request, context_overrides=directory_context(request, index))


def map_view(request, index):
    context = directory_context(request, index)
    context["show_map"] = True
    return index.render(request, context_overrides=context)


def map_data_view(request, index):
    """GeoJSON of the filtered structures that have coordinates: public fields only."""
    criteria = DirectoryFilterForm(request.GET).criteria()
    if criteria.show == Show.ACTIONS:
        # On a map, actions stand where their structure is.
        criteria.show = Show.ALL
    rows = (
        Directory(index, criteria)
        .structures()
        .filter(latitude__isnull=False, longitude__isnull=False)
        # Plain values, no page objects: the map may hold every structure of the territory.
        .values_list("title", "slug", "typology", "commune__name", "latitude", "longitude")
    )
    # Structures are the directory's children: their URL is the directory's, plus their slug.
    base_url = index.get_url(request)
    typologies = dict(Typology.choices)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
            "properties": {
                "name": title,
                "url": f"{base_url}{slug}/",
                "typology": typologies.get(typology, ""),
                "commune": commune or "",
            },
        }
        for title, slug, typology, commune, latitude, longitude in rows
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )


def directory_context(request, index):
    form = DirectoryFilterForm(request.GET)
    criteria = form.criteria()
    directory = Directory(index, criteria)
    page_number = request.GET.get("page")

    if criteria.show == Show.ACTIONS:
        paginator = Paginator(with_action_card_data(directory.actions()), RESULTS_PER_PAGE)
        results = paginator.get_page(page_number)
        results.object_list = attach_structures(results.object_list)
    else:
        structures = with_card_data(directory.structures(), criteria.moment)
        paginator = Paginator(structures, RESULTS_PER_PAGE)
        results = paginator.get_page(page_number)
        if criteria.show == Show.ALL:
            # The page's structures already match where and when: only the topic is left.
            actions = directory.matching_actions(under_matching_structure=False)
            results.object_list = attach_actions(results.object_list, actions)

    filters = request.GET.copy()
    filters.pop("page", None)
    return {
        "form": form,
        "criteria": criteria,
        "results": results,
        "paginator": paginator,
        "filter_querystring": filters.urlencode(),
        "page_out_of_range": _out_of_range(page_number, results),
    }


def _out_of_range(page_number, results):
    """True when the visitor asked for a page that does not exist (they see the nearest one)."""
    if not page_number:
        return False
    try:
        return int(page_number) != results.number
    except ValueError:
        return True
