"""The directory's filters: one GET form, read leniently, turned into querysets.

The same form drives the list, the map and the map's GeoJSON, so a filtered URL can be shared
and opens the same results without JavaScript. Whatever the query string holds, the directory
answers: a value the form does not know (a theme since removed, a mistyped typology) is ignored
and named in a notice, an over-long text is cut, control characters become spaces.

Structures are matched on two kinds of criteria:
- where and when (place, typology, open now) are the structure's own: an action inherits them
  from its structure;
- what and for whom (theme, public, words) may be met by the structure itself or by one of its
  actions, which are then listed under it.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from django import forms
from django.db import models
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Value,
)
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search.utils import parse_query_string

from home.models import Commune, Community, Public, Theme
from search.query import MAX_QUERY_LENGTH, normalise_words

from .models import ActionPage, Closure, OpeningHours, StructurePage, Typology

COMMUNITY_PREFIX = "cc-"
# Logos in the list: one rendition, fetched with the images (no query per card).
LOGO_FILTER = "max-160x96"


class WordsField(forms.CharField):
    """Free text, cleaned rather than refused: no error for a NUL byte or a 10 kB paste."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = []  # CharField refuses NUL bytes; to_python has removed them.

    def to_python(self, value):
        return normalise_words(super().to_python(value))[:MAX_QUERY_LENGTH]


class Show(models.TextChoices):
    """What the directory lists: structures with their matching actions, or one kind only."""

    ALL = "tout", "Acteurs et actions"
    STRUCTURES = "acteurs", "Acteurs"
    ACTIONS = "actions", "Actions"


class DirectoryFilterForm(forms.Form):
    """Every filter of the directory; all optional, all combinable."""

    q = WordsField(
        label="Mots-clés",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
        help_text="Ex. « nutrition », « consultation jeunes », le nom d'une structure.",
    )
    theme = forms.ChoiceField(label="Thématique", required=False)
    public = forms.ChoiceField(label="Public", required=False)
    lieu = forms.ChoiceField(label="Commune ou communauté de communes", required=False)
    typologie = forms.ChoiceField(
        label="Type de structure",
        required=False,
        choices=[("", "Tous les types")] + Typology.choices,
    )
    ouvert = forms.BooleanField(label="Ouvert maintenant", required=False)
    afficher = forms.ChoiceField(
        label="Afficher",
        required=False,
        choices=Show.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("afficher"):
            data = data.copy()
            data["afficher"] = Show.ALL
        super().__init__(data, **kwargs)
        # One query builds every choice; the cleaned values are looked up in the same terms.
        terms = {kind: {} for kind in ("theme", "public", "community", "commune")}
        for term in filter_terms():
            terms[term.kind][term.slug] = term
        self.themes, self.publics = terms["theme"], terms["public"]
        self.places = {COMMUNITY_PREFIX + slug: term for slug, term in terms["community"].items()}
        self.places.update(terms["commune"])
        self.fields["theme"].choices = [("", "Toutes les thématiques")] + [
            (slug, term.name) for slug, term in self.themes.items()
        ]
        self.fields["public"].choices = [("", "Tous les publics")] + [
            (slug, term.name) for slug, term in self.publics.items()
        ]
        self.fields["lieu"].choices = [("", "Tout le territoire")] + place_choices(
            terms["community"].values(), terms["commune"].values()
        )

    def criteria(self):
        """The valid filters (invalid ones are dropped: see ignored_fields)."""
        self.is_valid()
        data = self.cleaned_data
        place = self.places.get(data.get("lieu") or "")
        return Criteria(
            words=data.get("q", ""),
            theme=self.themes.get(data.get("theme") or ""),
            public=self.publics.get(data.get("public") or ""),
            commune=place if place and place.kind == "commune" else None,
            community=place if place and place.kind == "community" else None,
            typology=data.get("typologie") or "",
            open_now=bool(data.get("ouvert")),
            show=data.get("afficher") or Show.ALL,
        )

    @property
    def ignored_fields(self):
        """Labels of the filters whose value was not understood, for the notice."""
        return [self.fields[name].label for name in self.errors if name in self.fields]

    @property
    def words_truncated(self):
        return len(normalise_words(self.data.get("q", ""))) > MAX_QUERY_LENGTH


class Term(NamedTuple):
    """A theme, a public, a communauté or a commune, as the filters need it."""

    kind: str
    pk: int
    slug: str
    name: str
    label: str
    rank: int
    parent: int | None  # a commune's communauté


def sort_key(text):
    """Alphabetical order as a French reader expects it: accents and case aside."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def filter_terms():
    """Every theme, public, communauté and commune, in one query and in display order.

    Themes, communautés and communes come alphabetically, publics in their own order (ages
    first).
    """
    # Every column is an annotation of an explicit type, named in the same order in each part:
    # a UNION matches columns by position, and PostgreSQL checks their types.
    columns = ("term_kind", "term_pk", "term_slug", "term_name", "term_label", "term_rank")

    def part(queryset, kind, label, rank, parent):
        return queryset.annotate(
            term_kind=Value(kind, output_field=models.CharField()),
            term_pk=Cast("pk", models.BigIntegerField()),
            term_slug=Cast("slug", models.CharField()),
            term_name=Cast("name", models.CharField()),
            term_label=Cast(label, models.CharField()),
            term_rank=Cast(rank, models.IntegerField()),
            term_parent=Cast(parent, models.BigIntegerField()),
        ).values_list(*columns, "term_parent")

    none = Value(None, output_field=models.BigIntegerField())
    zero = Value(0, output_field=models.IntegerField())
    parts = [
        part(Theme.objects.all(), "theme", "name", zero, none),
        part(Public.objects.all(), "public", "name", "sort_order", none),
        part(Community.objects.all(), "community", "short_name", zero, none),
        part(Commune.objects.all(), "commune", "name", zero, "community_id"),
    ]
    first, *others = (part.order_by() for part in parts)
    terms = [Term(*row) for row in first.union(*others, all=True)]
    return sorted(terms, key=lambda term: (term.rank, sort_key(term.name)))


def place_choices(communities, communes):
    """Communes grouped under their communauté, each group opened by the whole communauté."""
    groups = {
        community.pk: (
            community.name,
            [
                (
                    COMMUNITY_PREFIX + community.slug,
                    f"{community.label or community.name} : toute la communauté",
                )
            ],
        )
        for community in communities
    }
    others = ("Autres communes", [])
    for commune in communes:
        group = groups.get(commune.parent, others)
        group[1].append((commune.slug, commune.name))
    return list(groups.values()) + ([others] if others[1] else [])


@dataclass
class Criteria:
    words: str = ""
    theme: Term | None = None
    public: Term | None = None
    commune: Term | None = None
    community: Term | None = None
    typology: str = ""
    open_now: bool = False
    show: str = Show.ALL
    # Looked up at each call (not bound once), so that tests can freeze the clock.
    moment: datetime.datetime = field(default_factory=lambda: timezone.now())

    @property
    def has_topic(self):
        return bool(self.words or self.theme or self.public)


def with_related(model, **lookup):
    """Primary keys of `model` pages linked to a term, as a subquery (no duplicate rows)."""
    return Q(pk__in=model.objects.filter(**lookup).values("pk"))


class Directory:
    """The live, public structures and actions under one directory page, filtered."""

    def __init__(self, index, criteria):
        self.index = index
        self.criteria = criteria

    # Wagtail has already checked the directory's own view restrictions before serving it: what
    # is left are restrictions set on a structure or an action, checked in SQL (no query here).

    def live_structures(self):
        return (
            StructurePage.objects.live()
            .child_of(self.index)
            .exclude(Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        )

    def live_actions(self):
        restricted_structure = PageViewRestriction.objects.filter(
            page__path=parent_path(OuterRef("path"))
        )
        return (
            ActionPage.objects.live()
            .descendant_of(self.index)
            .exclude(Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
            .exclude(Exists(restricted_structure))
        )

    # Where and when: the structure's own place, typology and opening hours.

    def place_q(self):
        c = self.criteria
        q = Q()
        if c.typology:
            q &= Q(typology=c.typology)
        if c.commune:
            q &= self.covers_commune_q(c.commune)
        elif c.community:
            q &= self.covers_community_q(c.community)
        if c.open_now:
            q &= open_now_expression(c.moment)
        return q

    @staticmethod
    def covers_commune_q(commune):
        """Located in the commune, or acting there: the commune, its communauté, everywhere."""
        q = (
            Q(commune=commune.pk)
            | Q(whole_territory=True)
            | with_related(StructurePage, area_communes=commune.pk)
        )
        if commune.parent:
            q |= with_related(StructurePage, area_communities=commune.parent)
        return q

    @staticmethod
    def covers_community_q(community):
        """Located in the communauté, or acting in it or in one of its communes."""
        return (
            Q(commune__community=community.pk)
            | Q(whole_territory=True)
            | with_related(StructurePage, area_communities=community.pk)
            | with_related(StructurePage, area_communes__community=community.pk)
        )

    # What and for whom: met by a structure itself, or by an action.

    def topic_q(self, model):
        c = self.criteria
        q = Q()
        if c.theme:
            q &= with_related(model, themes=c.theme.pk)
        if c.public:
            q &= with_related(model, publics=c.public.pk)
        if c.words:
            q &= Q(pk__in=self.words_ids)
        return q

    @cached_property
    def words_ids(self):
        """Ids of the structures and actions matching the words: one search for both kinds.

        Searching the pages of the directory's subtree reaches each page's own fields (the
        index holds the specific page), so one backend call serves structures and actions.
        """
        # Quotes become phrases here, so that none reaches the backend's own query syntax.
        _filters, query = parse_query_string(self.criteria.words, operator="and")
        pages = Page.objects.live().descendant_of(self.index)
        # Results are filtered, then listed by title: no relevance score to compute.
        results = pages.search(query, operator="and", order_by_relevance=False)
        return [page.pk for page in results]

    # Results.

    def structures(self):
        """Structures that match: by themselves, or (showing all) through one of their actions."""
        structures = self.live_structures().filter(self.place_q())
        topic = self.topic_q(StructurePage)
        if self.criteria.show == Show.ALL and self.criteria.has_topic:
            # Not correlated: the database lists the parents of matching actions once.
            parents = self.matching_actions(under_matching_structure=False).values(
                parent=parent_path("path")
            )
            topic |= Q(path__in=parents)
        return structures.filter(topic).order_by("title", "pk")

    def matching_actions(self, under_matching_structure=True):
        actions = self.live_actions().filter(self.topic_q(ActionPage))
        if under_matching_structure:
            parent = self.live_structures().filter(
                self.place_q(), path=parent_path(OuterRef("path"))
            )
            actions = actions.filter(Exists(parent))
        return actions

    def actions(self):
        return self.matching_actions().order_by("title", "pk")


def parent_path(path):
    """The tree path of a page's parent: its own path minus one step."""
    return Substr(path, 1, Length(path) - Page.steplen)


def open_now_expression(moment):
    """True where a weekly slot covers the local time and no closure covers the local date.

    Slots are entered in local time: the moment is read in Europe/Paris (TIME_ZONE) before the
    database compares it, whatever the database's own time zone.
    """
    local = timezone.localtime(moment)
    slot = OpeningHours.objects.filter(
        structure=OuterRef("pk"),
        weekday=local.weekday(),
        opens__lte=local.time(),
        closes__gt=local.time(),
    )
    closure = Closure.objects.filter(
        structure=OuterRef("pk"), start_date__lte=local.date(), end_date__gte=local.date()
    )
    return Exists(slot) & ~Exists(closure)


# Listing -----------------------------------------------------------------------------------------


def with_card_data(structures, moment):
    """What a structure card shows, in a fixed number of queries whatever the page size."""
    return (
        structures.select_related("commune", "logo")
        .prefetch_related(
            "themes",
            "publics",
            # As Wagtail's prefetch_renditions, through the logo already joined above.
            Prefetch(
                "logo__renditions",
                queryset=get_image_model()
                .get_rendition_model()
                .objects.filter(filter_spec=LOGO_FILTER),
                to_attr="prefetched_renditions",
            ),
        )
        .annotate(
            has_hours=Exists(OpeningHours.objects.filter(structure=OuterRef("pk"))),
            open_now=ExpressionWrapper(open_now_expression(moment), output_field=BooleanField()),
        )
    )


def with_action_card_data(actions):
    return actions.prefetch_related("themes", "publics")


def attach_actions(structures, actions):
    """Set `listed_actions` on each structure of a page: its matching actions, one query."""
    structures = list(structures)
    by_path = {structure.path: structure for structure in structures}
    for structure in structures:
        structure.listed_actions = []
    if not structures:
        return structures
    children = (
        actions.annotate(parent_path=parent_path("path"))
        .filter(parent_path__in=list(by_path), depth=structures[0].depth + 1)
        .order_by("title", "pk")
    )
    for action in children:
        by_path[action.parent_path].listed_actions.append(action)
    return structures


def attach_structures(actions):
    """Set `structure` on each action of a page (its parent), in one query."""
    actions = list(actions)
    paths = {action.path[: -Page.steplen] for action in actions}
    parents = {
        structure.path: structure
        for structure in StructurePage.objects.filter(path__in=paths).select_related("commune")
    }
    for action in actions:
        action.structure = parents.get(action.path[: -Page.steplen])
    return actions
