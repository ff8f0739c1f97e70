"""The search page's facets: type, thème, public, commune — their counts and their links.

Counts come from the hits already taken from the backend (at most results.MAX_HITS): the type
from each hit's content type, themes, publics and communes from one SQL query per dimension (a
UNION of every model's through table or foreign key), never a query per result.

Counting is "disjunctive": a dimension's counts are taken over the hits that pass the filters of
the *other* dimensions, so that a visitor who chose « Événement » still sees how many structures
the query found, and clicking one replaces the other (one value per dimension).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import CharField, F, ForeignKey, ManyToManyField, Value
from wagtail.models import Page

# The type facet: its GET value, its French label, the model it stands for ("page": any other).
TYPES = [
    ("structure", "Structure", "partners.StructurePage"),
    ("action", "Action", "partners.ActionPage"),
    ("evenement", "Événement", "events.EventPage"),
    ("campagne", "Campagne", "events.CampaignPage"),
    ("actualite", "Actualité", "home.NewsPage"),
    ("appel-a-projets", "Appel à projets", "home.CallForProjectsPage"),
    ("fiche-action", "Fiche action", "evaluation.ActionSheetPage"),
    ("page", "Page", None),
    ("mur", "Carte du mur", "partners.WallCard"),
]
TYPE_LABELS = {slug: label for slug, label, _model in TYPES}
TYPE_OF_MODEL = {model: slug for slug, _label, model in TYPES if model}
PAGE_TYPE = "page"
WALL_TYPE = "mur"

# Keys of hits: a page and a wall card may share a primary key.
PAGE = "page"
CARD = "card"


@dataclass(frozen=True)
class Dimension:
    """A facet read from the taxonomies of home/: the GET parameter, its label, its model, and
    the field names that point to it on the models that carry it."""

    param: str
    label: str
    model_label: str
    field_names: tuple

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def sources(self):
        """(model, field) pairs: pages (and wall cards) carrying this taxonomy."""
        wall_card = apps.get_model("partners.WallCard")
        found = []
        for model in apps.get_models():
            if not (issubclass(model, Page) and model is not Page) and model is not wall_card:
                continue
            for model_field in model._meta.get_fields():
                if (
                    model_field.name in self.field_names
                    and model_field.concrete
                    and getattr(model_field, "related_model", None) is self.model
                    and model_field.model is model
                ):
                    found.append((model, model_field))
        return found


DIMENSIONS = [
    Dimension("theme", "Thème", "home.Theme", ("themes",)),
    Dimension("public", "Public", "home.Public", ("publics",)),
    Dimension("commune", "Commune", "home.Commune", ("commune", "communes")),
]
TYPE_PARAM = "type"
TYPE_DIMENSION_LABEL = "Type"
PARAMS = [TYPE_PARAM] + [dimension.param for dimension in DIMENSIONS]


def _rows(model, model_field, kind, ids):
    """A values_list of (kind, object id, slug, name) for one source, ready for a UNION."""
    text = CharField()
    if isinstance(model_field, ManyToManyField):  # ParentalManyToManyField is one too
        through = model_field.remote_field.through
        own = model_field.m2m_field_name()
        other = model_field.m2m_reverse_field_name()
        queryset = through.objects.filter(**{f"{own}__in": ids}).annotate(
            obj=F(f"{own}_id"), value=F(f"{other}__slug"), name=F(f"{other}__name")
        )
    elif isinstance(model_field, ForeignKey):
        queryset = model._base_manager.filter(
            pk__in=ids, **{f"{model_field.name}__isnull": False}
        ).annotate(
            obj=F("pk"),
            value=F(f"{model_field.name}__slug"),
            name=F(f"{model_field.name}__name"),
        )
    else:
        return None
    return (
        queryset.order_by()
        .annotate(kind=Value(kind, output_field=text))
        .values_list("kind", "obj", "value", "name")
    )


def taxonomy_of_hits(dimension, page_ids, card_ids):
    """{(kind, id): {slug, …}} and {slug: name} for the hits, in one query (or none)."""
    wall_card = apps.get_model("partners.WallCard")
    parts = []
    for model, model_field in dimension.sources():
        kind, ids = (CARD, card_ids) if model is wall_card else (PAGE, page_ids)
        if not ids:
            continue
        rows = _rows(model, model_field, kind, ids)
        if rows is not None:
            parts.append(rows)
    values, names = {}, {}
    if not parts:
        return values, names
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for kind, obj, slug, name in union:
        values.setdefault((kind, obj), set()).add(slug)
        names[slug] = name
    return values, names


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    active: bool = False


@dataclass
class Facet:
    param: str
    label: str
    values: list = field(default_factory=list)


@dataclass
class ActiveFilter:
    param: str
    label: str
    value_label: str
    remove_url: str


def url_with(params, **changes):
    """'?…' for the current GET parameters with `changes` (None removes), back to page 1."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def read_filters(params, allowed_types):
    """The facet filters asked for: ({param: value}, [unknown (label, value), …]).

    Only the last value of a parameter counts (one value per dimension); a blank one is no
    filter; a value that names nothing is reported and ignored, never an error.
    """
    asked = {}
    for param in PARAMS:
        value = (params.get(param) or "").strip()
        if value:
            asked[param] = value[:120]
    filters, unknown = {}, []
    if TYPE_PARAM in asked:
        if asked[TYPE_PARAM] in allowed_types:
            filters[TYPE_PARAM] = asked[TYPE_PARAM]
        else:
            unknown.append((TYPE_DIMENSION_LABEL, asked[TYPE_PARAM]))
    labels = {}
    for dimension in DIMENSIONS:
        value = asked.get(dimension.param)
        if value is None:
            continue
        name = dimension.model.objects.filter(slug=value).values_list("name", flat=True).first()
        if name is None:
            unknown.append((dimension.label, value))
        else:
            filters[dimension.param] = value
            labels[dimension.param] = name
    return filters, unknown, labels


def passes(hit, filters, skip=None):
    for param, value in filters.items():
        if param == skip:
            continue
        if param == TYPE_PARAM:
            if hit.type != value:
                return False
        elif value not in hit.taxonomy.get(param, ()):
            return False
    return True


def build_facets(hits, filters, names, params, allowed_types):
    """The facets to show: every value the hits carry, with its count, most frequent first."""
    facets = []
    counts = {}
    for hit in hits:
        if passes(hit, filters, skip=TYPE_PARAM):
            counts[hit.type] = counts.get(hit.type, 0) + 1
    order = {slug: position for position, (slug, _label, _model) in enumerate(TYPES)}
    type_facet = Facet(TYPE_PARAM, TYPE_DIMENSION_LABEL)
    shown = set(counts) | ({filters[TYPE_PARAM]} if TYPE_PARAM in filters else set())
    for slug in sorted((s for s in shown if s in allowed_types), key=order.get):
        type_facet.values.append(
            FacetValue(
                slug,
                TYPE_LABELS[slug],
                counts.get(slug, 0),
                url_with(params, **{TYPE_PARAM: slug}),
                filters.get(TYPE_PARAM) == slug,
            )
        )
    facets.append(type_facet)
    for dimension in DIMENSIONS:
        counts = {}
        for hit in hits:
            if passes(hit, filters, skip=dimension.param):
                for slug in hit.taxonomy.get(dimension.param, ()):
                    counts[slug] = counts.get(slug, 0) + 1
        active = filters.get(dimension.param)
        if active and active not in counts:
            counts[active] = 0
        facet = Facet(dimension.param, dimension.label)
        dimension_names = names.get(dimension.param, {})
        for slug in sorted(counts, key=lambda s: (-counts[s], dimension_names.get(s, s))):
            facet.values.append(
                FacetValue(
                    slug,
                    dimension_names.get(slug, slug),
                    counts[slug],
                    url_with(params, **{dimension.param: slug}),
                    active == slug,
                )
            )
        facets.append(facet)
    return [facet for facet in facets if facet.values]


def active_filters(filters, labels, params):
    dimension_labels = {d.param: d.label for d in DIMENSIONS}
    dimension_labels[TYPE_PARAM] = TYPE_DIMENSION_LABEL
    return [
        ActiveFilter(
            param,
            dimension_labels[param],
            TYPE_LABELS.get(value) if param == TYPE_PARAM else labels.get(param, value),
            url_with(params, **{param: None}),
        )
        for param, value in filters.items()
    ]
