"""A Wagtail (django-modelsearch) search backend on Whoosh, with French analysis.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.whoosh", "PATH": "…/index"}}

One Whoosh index holds every indexed model (pages, snippets…), each object once, under the key
`<root model>:<pk>`. A document carries:

- `ct`: the object's model and its indexed parents ("wagtailcore.page", "partners.structurepage"),
  so that a search on `Page` finds every page type and a search on a page type only its own;
- `all`: all its searchable text, analysed in French (search/analysis.py), and `boost__<b>`: the
  text of the fields declared with boost b, queried with that boost (as Wagtail's Elasticsearch
  backend does with its copy fields) — so that a subclass's boosts count in a search on `Page`;
- `t__<field>`: each search field on its own, for `fields=[…]`; `a__<field>`: the prefixes of
  each autocomplete field; `words`: the words as written, for "did you mean" suggestions;
- one typed field per `FilterField` (`fs__` text and booleans, `fn__` numbers, `fd__` dates) and
  `nulls`, the filter fields that have no value: the filters Wagtail applies (`live`, `locale`,
  `content_type`, `path` for descendants and `.public()`…) run inside Whoosh, so that counts and
  pages are exact without asking the database.

The database still has the last word: result pages are read with the caller's queryset, so an
object the index still holds but that no longer matches (a draft, a deleted page) never shows.

Queries are built as Whoosh query objects from modelsearch's query classes, never parsed from
the visitor's text: quotes, `AND`, `title:`, `*` in a query are plain characters. A word the index
does not know (a typo, "adiction") is searched fuzzily (one edit, two for long words).
"""

import datetime
import functools
import threading
from collections import Counter, defaultdict
from contextlib import contextmanager, suppress
from functools import cached_property

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Count
from django.db.models.expressions import Subquery
from django.db.models.sql import Query
from django.db.models.sql.constants import MULTI, SINGLE
from django.utils import timezone
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterError,
    FilterFieldError,
    SearchFieldError,
    get_model_root,
)
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    RelatedFields,
    SearchField,
    class_is_indexed,
    get_indexed_models,
)
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from whoosh import fields as whoosh_fields
from whoosh import query as wq

from search.analysis import (
    AUTOCOMPLETE_MAX_GRAM,
    autocomplete_analyzer,
    french_analyzer,
    search_words,
    spelling_analyzer,
    terms,
)
from search.store import IndexStore

NUMBER_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "FloatField",
    "DecimalField",
}
DATE_TYPES = {"DateField", "DateTimeField"}
BOOLEAN_TYPES = {"BooleanField", "NullBooleanField"}
EPOCH = datetime.datetime(1970, 1, 1)
MICROSECOND = datetime.timedelta(microseconds=1)

# A query's first words only: a pasted page of text would otherwise make a matcher tree deeper
# than Python's recursion limit (and nobody types 32 words into a search box).
MAX_QUERY_TERMS = 32

# Typo tolerance: words at least this long that the index does not know are searched fuzzily.
FUZZY_MIN_LENGTH = 5
FUZZY_TWO_EDITS_LENGTH = 9
# Fuzzy matching walks the vocabulary: not for words no dictionary holds, nor for many words.
FUZZY_MAX_LENGTH = 24
FUZZY_MAX_WORDS = 4


# Schema ---------------------------------------------------------------------------------------


class MultiID(whoosh_fields.ID):
    """An untokenised field taking one value or a list of them (the themes of a structure)."""

    def index(self, value, **kwargs):
        values = value if isinstance(value, (list, tuple, set)) else [value]
        for item in dict.fromkeys(values):
            yield item.encode("utf-8"), 1, 1.0, b""


def build_schema():
    french = french_analyzer()
    autocomplete = autocomplete_analyzer()
    schema = whoosh_fields.Schema(
        key=whoosh_fields.ID(unique=True, stored=True),
        ct=MultiID(),
        nulls=MultiID(),
        all=whoosh_fields.TEXT(analyzer=french, phrase=True),
        words=whoosh_fields.TEXT(analyzer=spelling_analyzer(), phrase=False),
    )
    schema.add("boost__*", whoosh_fields.TEXT(analyzer=french, phrase=True), glob=True)
    schema.add("t__*", whoosh_fields.TEXT(analyzer=french, phrase=True), glob=True)
    schema.add("a__*", whoosh_fields.TEXT(analyzer=autocomplete, phrase=False), glob=True)
    schema.add("fs__*", MultiID(), glob=True)
    # Numbers in 4 tiers of 16 bits (Whoosh's default is 16 tiers of 4): far fewer terms per
    # document (a page has some ten numeric and date filters), ranges still cheap.
    number = whoosh_fields.NUMERIC(numtype=float, bits=64, signed=True, shift_step=16)
    schema.add("fn__*", number, glob=True)
    date = whoosh_fields.NUMERIC(numtype=int, bits=64, signed=True, shift_step=16)
    schema.add("fd__*", date, glob=True)
    return schema


def any_of(queries):
    """Whoosh's Or, matched as a tree of unions: its default for small indexes preloads an
    array the size of the index for every Or, slower on the short queries people type."""
    query = wq.Or(queries)
    query.matcher_type = wq.Or.DEFAULT_MATCHER
    return query


def boost_field(boost):
    return f"boost__{boost:g}"


# Values ---------------------------------------------------------------------------------------


def filter_kind(field, model):
    """How a FilterField's values are indexed: "s" (text), "b" (boolean), "n", "d" (date)."""
    field_type = field.get_type(model)
    if field_type in BOOLEAN_TYPES:
        return "b"
    if field_type in NUMBER_TYPES:
        return "n"
    if field_type in DATE_TYPES:
        return "d"
    return "s"


def filter_field_name(kind, name):
    return f"f{'s' if kind == 'b' else kind}__{name}"


def clean_value(kind, value):
    """`value` as the index stores it for a filter of `kind`, or None if it cannot be one."""
    if isinstance(value, models.Model):
        value = value.pk
    if value is None:
        return None
    if kind == "b":
        return "t" if value else "f"
    if kind == "n":
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    if kind == "d":
        if isinstance(value, str):
            from django.utils.dateparse import parse_date, parse_datetime

            value = parse_datetime(value) or parse_date(value)
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = value.astimezone(datetime.UTC).replace(tzinfo=None)
            return (value - EPOCH) // MICROSECOND
        if isinstance(value, datetime.date):
            return (datetime.datetime.combine(value, datetime.time()) - EPOCH) // MICROSECOND
        return None
    if isinstance(value, datetime.time):
        return value.isoformat()
    return str(value)


def as_list(value):
    if isinstance(value, (models.Manager, models.QuerySet)):
        return list(value.all())
    if isinstance(value, (list, tuple, set)):
        return list(value)
    if value is None:
        return []
    return [value]


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set, models.Manager, models.QuerySet)):
        return " ".join(filter(None, (as_text(item) for item in as_list(value))))
    return str(value)


def model_label(model):
    return model._meta.label_lower


def content_type_labels(model):
    return [model_label(m) for m in [model, *model._meta.get_parent_list()] if class_is_indexed(m)]


def document_key(model, pk):
    return f"{model_label(get_model_root(model))}:{pk}"


def prefetch_relations(model, items):
    """Read the related objects a batch of `items` is indexed with in one query per relation,
    not one per object (update_index sends batches of a thousand)."""
    names = []
    for field in model.get_search_fields():
        if isinstance(field, RelatedFields) or (
            isinstance(field, FilterField) and _is_many(field, model)
        ):
            names.append(field.field_name)
    for name in dict.fromkeys(names):
        # Not a relation Django can prefetch (a property): read per object.
        with suppress(AttributeError, ValueError, TypeError):
            models.prefetch_related_objects(items, name)


def _is_many(field, model):
    try:
        return field.get_field(model).many_to_many
    except Exception:  # noqa: BLE001 — a FilterField on a method or property
        return False


class Document:
    """The Whoosh document of one object."""

    def __init__(self, model, obj):
        self.text = defaultdict(list)
        self.boosted = defaultdict(list)
        self.autocomplete = defaultdict(list)
        self.filters = defaultdict(list)
        self.nulls = set()
        self.collect(obj, model, model.get_search_fields(), "")
        self.key = document_key(model, obj.pk)
        self.content_types = content_type_labels(model)

    def collect(self, obj, model, search_fields, prefix):
        for field in search_fields:
            if isinstance(field, RelatedFields):
                related_model = field.get_field(model).related_model
                for related in as_list(field.get_value(obj)):
                    self.collect(
                        related, related_model, field.fields, f"{prefix}{field.field_name}__"
                    )
            elif isinstance(field, FilterField):
                kind = filter_kind(field, model)
                name = filter_field_name(kind, prefix + field.get_attname(model))
                values = [clean_value(kind, value) for value in as_list(field.get_value(obj))]
                values = [value for value in values if value is not None]
                if values:
                    self.filters[name].extend(values)
                else:
                    self.nulls.add(name)
            elif isinstance(field, (SearchField, AutocompleteField)):
                text = as_text(field.get_value(obj))
                if not text:
                    continue
                name = prefix + field.field_name
                if isinstance(field, AutocompleteField):
                    self.autocomplete[name].append(text)
                    continue
                self.text[name].append(text)
                if field.boost and field.boost != 1:
                    self.boosted[boost_field(field.boost)].append(text)

    def fields(self):
        all_text = "\n".join(text for texts in self.text.values() for text in texts)
        document = {
            "key": self.key,
            "ct": self.content_types,
            "nulls": sorted(self.nulls),
            "all": all_text,
            "words": all_text,
        }
        for name, texts in self.text.items():
            document[f"t__{name}"] = "\n".join(texts)
        for name, texts in self.boosted.items():
            document[name] = "\n".join(texts)
        for name, texts in self.autocomplete.items():
            document[f"a__{name}"] = "\n".join(texts)
        for name, values in self.filters.items():
            document[name] = values if len(values) > 1 else values[0]
        return document


# Index ----------------------------------------------------------------------------------------


class WhooshIndex(BaseIndex):
    def __init__(self, backend, writer=None):
        super().__init__(backend)
        self.writer = writer  # set while a rebuild fills a new generation

    def get_key(self):
        return "whoosh"

    def __str__(self):
        return str(self.backend.store.path)

    @contextmanager
    def _writing(self):
        if self.writer is not None:
            yield self.writer
        else:
            with self.backend.store.writer() as writer:
                yield writer

    def add_items(self, model, items):
        items = list(items)
        if len(items) > 1:
            prefetch_relations(model, items)
        documents = [Document(model, obj).fields() for obj in items]
        if not documents:
            return
        with self._writing() as writer:
            for document in documents:
                writer.update_document(**document)

    def delete_item(self, item):
        with self._writing() as writer:
            writer.delete_by_term("key", document_key(item._meta.model, item.pk))

    def reset(self):
        self.backend.store.reset()


class WhooshRebuilder:
    """`update_index`: fills a new generation while searches read the current one, then swaps."""

    def __init__(self, index):
        self.index = index
        self._rebuilding = None

    def start(self):
        self._rebuilding = self.index.backend.store.rebuilding()
        writer = self._rebuilding.__enter__()
        return WhooshIndex(self.index.backend, writer=writer)

    def finish(self):
        rebuilding, self._rebuilding = self._rebuilding, None
        rebuilding.__exit__(None, None, None)

    def __del__(self):
        # A rebuild abandoned half-way (an error in update_index) is thrown away.
        if self._rebuilding is not None:
            error = RuntimeError("rebuild abandoned")
            with suppress(RuntimeError):
                self._rebuilding.__exit__(RuntimeError, error, None)


# Queries --------------------------------------------------------------------------------------


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "or"
    # Without relevance, the database orders the matching objects: any expression it knows.
    HANDLES_ORDER_BY_EXPRESSIONS = True

    # Filters (called by BaseSearchQueryCompiler._get_filters_from_queryset)

    def _process_lookup(self, field_path, lookup, value):
        model = self.queryset.model
        prefix = ""
        for related in field_path[:-1]:
            prefix += f"{related.field_name}__"
            model = related.get_field(model).related_model
        field = field_path[-1]
        kind = filter_kind(field, model)
        name = filter_field_name(kind, prefix + field.get_attname(model))

        if lookup == "isnull":
            null = wq.Term("nulls", name)
            return null if value else wq.And([wq.Every(), wq.Not(null)])
        if lookup == "exact":
            return self._equals(kind, name, self._single_value(value))
        if lookup == "in":
            values = self._many_values(value)
            return (
                any_of([self._equals(kind, name, item) for item in values])
                if values
                else wq.NullQuery
            )
        if lookup in ("startswith", "prefix") and kind == "s":
            return wq.Prefix(name, clean_value(kind, value))
        if lookup in ("gt", "gte", "lt", "lte"):
            bound = clean_value(kind, value)
            if bound is None:
                return wq.NullQuery
            lower = lookup.startswith("g")
            return self._range(
                kind,
                name,
                bound if lower else None,
                None if lower else bound,
                exclusive=lookup in ("gt", "lt"),
            )
        if lookup == "range":
            lower, upper = (clean_value(kind, bound) for bound in value)
            return self._range(kind, name, lower, upper, exclusive=False)
        return None

    def _single_value(self, value):
        if isinstance(value, (Query, Subquery)):
            query = value.query if isinstance(value, Subquery) else value
            row = query.get_compiler(self.queryset.db or DEFAULT_DB_ALIAS).execute_sql(SINGLE)
            return row[0] if row else None
        return value

    def _many_values(self, value):
        if isinstance(value, (Query, Subquery)):
            query = value.query if isinstance(value, Subquery) else value
            chunks = query.get_compiler(self.queryset.db or DEFAULT_DB_ALIAS).execute_sql(MULTI)
            return [row[0] for chunk in chunks for row in chunk]
        return list(value)

    @staticmethod
    def _equals(kind, name, value):
        cleaned = clean_value(kind, value)
        if cleaned is None:
            return wq.NullQuery if value is not None else wq.Term("nulls", name)
        if kind in ("n", "d"):
            return wq.NumericRange(name, cleaned, cleaned)
        return wq.Term(name, cleaned)

    @staticmethod
    def _range(kind, name, lower, upper, exclusive):
        if kind in ("n", "d"):
            return wq.NumericRange(name, lower, upper, startexcl=exclusive, endexcl=exclusive)
        return wq.TermRange(name, lower, upper, startexcl=exclusive, endexcl=exclusive)

    def _process_match_none(self):
        return wq.NullQuery

    def _connect_filters(self, filters, connector, negated):
        filters = [f for f in filters if f is not None]
        if not filters:
            return None
        combined = (
            filters[0] if len(filters) == 1 else (wq.And if connector == "AND" else any_of)(filters)
        )
        return wq.And([wq.Every(), wq.Not(combined)]) if negated else combined

    @cached_property
    def whoosh_filter(self):
        """The content type and the queryset's filters, as a Whoosh query."""
        parts = [wq.Term("ct", model_label(self.queryset.model))]
        filters = self._get_filters_from_queryset()
        if filters is not None:
            parts.append(filters)
        return wq.And(parts)

    # Text

    def search_fields(self):
        """[(Whoosh field, boost)] the text query runs on."""
        if self.fields:
            declared = {f.field_name: f for f in self.queryset.model.get_searchable_search_fields()}
            return [(f"t__{name}", declared[name].boost or 1.0) for name in self.fields]
        return [("all", 1.0)] + [(boost_field(b), b) for b in self.backend_boosts()]

    def backend_boosts(self):
        return boosts_in_use(self.queryset.model)

    def analyse(self, text):
        stems = terms(text)[:MAX_QUERY_TERMS]
        # Each stem's word as typed (lower case, accents kept), for typo matching on words.
        originals = self.__dict__.setdefault("_originals", {})
        for token in spelling_analyzer()(text):
            if len(originals) >= MAX_QUERY_TERMS:
                break
            for stem in terms(token.text):
                originals.setdefault(stem, token.text)
        return stems

    def whoosh_query(self, searcher):
        fields = [(name, boost) for name, boost in self.search_fields() if name in searcher.schema]
        return self._compile(self.query, fields, searcher, boost=1.0)

    def _compile(self, query, fields, searcher, boost):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, Not):
            return wq.And(
                [wq.Every(), wq.Not(self._compile(query.subquery, fields, searcher, boost))]
            )
        if isinstance(query, And):
            return wq.And([self._compile(q, fields, searcher, boost) for q in query.subqueries])
        if isinstance(query, Or):
            return any_of([self._compile(q, fields, searcher, boost) for q in query.subqueries])
        if isinstance(query, Boost):
            return self._compile(query.subquery, fields, searcher, boost * query.boost)
        if isinstance(query, Phrase):
            words = self.analyse(query.query_string)
            return (
                any_of([self._sequence(field, words, b * boost) for field, b in fields])
                if words
                else wq.NullQuery
            )
        if isinstance(query, Fuzzy):
            units = [[(word,)] for word in self.analyse(query.query_string)]
            return self._combine(units, query.operator, fields, searcher, boost, fuzzy="always")
        if isinstance(query, PlainText):
            units = self._units(self.analyse(query.query_string))
            return self._combine(
                units, query.operator, fields, searcher, boost * query.boost, fuzzy="unknown"
            )
        raise NotImplementedError(f"{type(query).__name__} is not supported by the Whoosh backend.")

    def _units(self, words):
        """The query's words grouped into units: a unit is the list of expressions (tuples of
        terms) any of which may match — one word, or a synonym group found in the query."""
        units = [[(word,)] for word in words]
        if not words or not synonyms_enabled():
            return units
        from search.synonyms import synonym_groups

        replaced = [False] * len(words)
        spans = []
        for group in synonym_groups():
            for expression in group:
                length = len(expression)
                for start in range(len(words) - length + 1):
                    if tuple(words[start : start + length]) == expression and not any(
                        replaced[start : start + length]
                    ):
                        replaced[start : start + length] = [True] * length
                        spans.append((start, length, group))
        if not spans:
            return units
        result = []
        position = 0
        for start, length, group in sorted(spans, key=lambda span: span[0]):
            result.extend(units[position:start])
            result.append(list(group))
            position = start + length
        result.extend(units[position:])
        return result

    def _combine(self, units, operator, fields, searcher, boost, fuzzy):
        if not units:
            return wq.NullQuery
        queries = [self._unit(unit, fields, searcher, boost, fuzzy) for unit in units]
        if len(queries) == 1:
            return queries[0]
        return (wq.And if operator == "and" else any_of)(queries)

    def _unit(self, unit, fields, searcher, boost, fuzzy):
        alternatives = []
        for expression in unit:
            for field, field_boost in fields:
                if len(expression) > 1:
                    alternatives.append(self._sequence(field, expression, field_boost * boost))
                else:
                    alternatives.append(
                        self._term(field, expression[0], field_boost * boost, searcher, fuzzy)
                    )
        # A word found in the text and in a boosted field (the title) adds both scores.
        return alternatives[0] if len(alternatives) == 1 else any_of(alternatives)

    def _term(self, field, word, boost, searcher, fuzzy):
        exact = wq.Term(field, word, boost=boost)
        if not self._wants_fuzzy(word, searcher, fuzzy):
            return exact
        distance = 2 if len(word) >= FUZZY_TWO_EDITS_LENGTH else 1
        alternatives = [
            exact,
            wq.FuzzyTerm(field, word, boost=boost * 0.8, maxdist=distance, prefixlength=1),
        ]
        original = self.__dict__.get("_originals", {}).get(word)
        if field == "all" and original:
            # A typo can change the stem more than the word ("tabagiqe" stems to "tabagiq",
            # "tabagique" to "tabag"): the word as typed is also matched against the words of
            # the site as written.
            distance = 2 if len(original) >= FUZZY_TWO_EDITS_LENGTH else 1
            alternatives.append(
                wq.FuzzyTerm("words", original, boost=boost * 0.6, maxdist=distance, prefixlength=1)
            )
        return any_of(alternatives)

    def _wants_fuzzy(self, word, searcher, fuzzy):
        """Whether `word` is also searched with one or two letters changed: always for a Fuzzy
        query, else when the index does not know it (a typo); within FUZZY_MAX_WORDS words."""
        if fuzzy == "never" or not 3 <= len(word) <= FUZZY_MAX_LENGTH:
            return False
        if fuzzy == "unknown" and (
            len(word) < FUZZY_MIN_LENGTH or searcher.doc_frequency("all", word)
        ):
            return False
        fuzzy_words = self.__dict__.setdefault("_fuzzy_words", set())
        if word not in fuzzy_words and len(fuzzy_words) >= FUZZY_MAX_WORDS:
            return False
        fuzzy_words.add(word)
        return True

    @staticmethod
    def _sequence(field, words, boost):
        if len(words) == 1:
            return wq.Term(field, words[0], boost=boost)
        return wq.Phrase(field, list(words), boost=boost)


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    def check(self):
        if self.fields:
            allowed = {f.field_name for f in self.queryset.model.get_autocomplete_search_fields()}
            for name in self.fields:
                if name not in allowed:
                    raise SearchFieldError(
                        f'Cannot autocomplete with field "{name}". Please add '
                        f'index.AutocompleteField("{name}") to '
                        f"{self.queryset.model.__name__}.search_fields.",
                        field_name=name,
                    )
            fields, self.fields = self.fields, None
            try:
                super().check()
            finally:
                self.fields = fields
        else:
            super().check()

    def search_fields(self):
        if self.fields:
            return [(f"a__{name}", 1.0) for name in self.fields]
        # Prefixes are indexed once, per field: a search runs on the fields the searched model
        # and its subclasses declare.
        return [(f"a__{name}", 1.0) for name in autocomplete_fields_in_use(self.queryset.model)]

    def analyse(self, text):
        words = [word[:AUTOCOMPLETE_MAX_GRAM] for word in search_words(text) if len(word) > 1]
        return words[:MAX_QUERY_TERMS]

    def _term(self, field, word, boost, searcher, fuzzy):
        return wq.Term(field, word, boost=boost)

    def _units(self, words):
        return [[(word,)] for word in words]


# Results --------------------------------------------------------------------------------------


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def _matching_keys(self, searcher):
        compiler = self.query_compiler
        hits = searcher.search(
            compiler.whoosh_query(searcher), filter=compiler.whoosh_filter, limit=None, scored=False
        )
        return [searcher.stored_fields(docnum)["key"] for docnum in hits.docs()]

    def _pks(self, keys):
        to_python = self.query_compiler.queryset.model._meta.pk.to_python
        return [to_python(key.rpartition(":")[2]) for key in keys]

    def _queryset(self):
        queryset = self.query_compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def _do_search(self):
        compiler = self.query_compiler
        if self.stop is not None and self.stop <= self.start:
            return []
        with self.backend.searcher() as searcher:
            if not compiler.order_by_relevance:
                keys = self._matching_keys(searcher)
                scores = None
            else:
                hits = searcher.search(
                    compiler.whoosh_query(searcher), filter=compiler.whoosh_filter, limit=self.stop
                )
                page = list(hits)[self.start : self.stop]
                keys = [hit["key"] for hit in page]
                scores = [hit.score for hit in page]
        pks = self._pks(keys)
        if not compiler.order_by_relevance:
            queryset = self._queryset().filter(pk__in=pks)
            if not queryset.ordered:
                queryset = queryset.order_by("-pk")  # as Wagtail's other backends
            return list(queryset[self.start : self.stop])
        objects = {obj.pk: obj for obj in self._queryset().filter(pk__in=pks)}
        results = []
        for pk, score in zip(pks, scores, strict=True):
            obj = objects.get(pk)
            if obj is None:
                continue  # in the index, no longer in the queryset (deleted, unpublished)
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self):
        compiler = self.query_compiler
        with self.backend.searcher() as searcher:
            hits = searcher.search(
                compiler.whoosh_query(searcher),
                filter=compiler.whoosh_filter,
                limit=None,
                scored=False,
            )
            total = len(hits)
        total = max(total - self.start, 0)
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return total

    def facet(self, field_name):
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f"index.FilterField('{field_name}') to "
                f"{self.query_compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        with self.backend.searcher() as searcher:
            pks = self._pks(self._matching_keys(searcher))
        counts = Counter()
        queryset = self.query_compiler.queryset.order_by()
        for start in range(0, len(pks), FACET_CHUNK):
            rows = (
                queryset.filter(pk__in=pks[start : start + FACET_CHUNK])
                .values(field_name)
                .annotate(count=Count("pk"))
            )
            for row in rows:
                counts[row[field_name]] += row["count"]
        return dict(counts.most_common())


FACET_CHUNK = 5000


# Backend --------------------------------------------------------------------------------------


@functools.cache
def family_fields(model):
    """[(name as the index knows it, field)] of the fields `model` and its indexed subclasses
    declare, related ones included: a search on `Page` covers every page type's fields."""
    found = []

    def walk(search_fields, prefix):
        for field in search_fields:
            if isinstance(field, RelatedFields):
                walk(field.fields, f"{prefix}{field.field_name}__")
            else:
                found.append((prefix + field.field_name, field))

    for indexed in get_indexed_models():
        if issubclass(indexed, model):
            walk(indexed.get_search_fields(), "")
    return found


def boosts_in_use(model):
    """The distinct boosts of the family's search fields (each has its `boost__<b>` field)."""
    return sorted(
        {
            float(field.boost)
            for _name, field in family_fields(model)
            if isinstance(field, SearchField) and field.boost and field.boost != 1
        }
    )


def autocomplete_fields_in_use(model):
    """The family's autocomplete fields, as the index names them."""
    return sorted(
        {name for name, field in family_fields(model) if isinstance(field, AutocompleteField)}
    )


def synonyms_enabled():
    return apps.is_installed("search") and _synonyms_enabled.get("on", True)


_synonyms_enabled = {}
_searchers = threading.local()  # {index folder: (generation, open searcher)} per thread


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder
    # An index that cannot be written (disk full) must not make an editor's publication fail:
    # the error is logged and the next `update_index` catches up.
    catch_indexing_errors = True

    def __init__(self, params):
        super().__init__(params)
        path = params.get("PATH")
        if not path:
            raise FilterError("The Whoosh search backend needs a PATH option (the index folder).")
        self.store = IndexStore(path, build_schema)
        _synonyms_enabled["on"] = params.get("SYNONYMS", True)

    @contextmanager
    def searcher(self):
        """A searcher on the current generation, kept open between searches of a thread (Wagtail
        makes a backend object per search) and refreshed when another process has written or
        swapped in a rebuild."""
        opened = getattr(_searchers, "by_path", None)
        if opened is None:
            opened = _searchers.by_path = {}
        name = self.store.current_name()
        known_name, searcher = opened.get(self.store.path, (None, None))
        if searcher is None or known_name != name or name is None or not searcher.up_to_date():
            # A new searcher, never Whoosh's searcher.refresh(): it keeps the readers of the
            # segments it believes unchanged with their old deletions (an edited page would be
            # found in its old version too).
            if searcher is not None:
                searcher.close()
            searcher = self.store.open().searcher()
            name = self.store.current_name()
        opened[self.store.path] = (name, searcher)
        yield searcher

    def suggest(self, query_string):
        """The query with its unknown words replaced by the closest known ones ("adiction" →
        "addiction"), or None when every word is known."""
        words = [token.text for token in spelling_analyzer()(query_string)][:MAX_QUERY_TERMS]
        changed = False
        corrected = []
        with self.searcher() as searcher:
            corrector = searcher.corrector("words")
            for word in words:
                stems = terms(word)
                known = not stems or all(searcher.doc_frequency("all", stem) for stem in stems)
                if known or not 4 <= len(word) <= FUZZY_MAX_LENGTH:
                    corrected.append(word)
                    continue
                distance = 2 if len(word) >= 8 else 1
                candidates = corrector.suggest(word, limit=1, maxdist=distance, prefix=1)
                if candidates:
                    corrected.append(candidates[0])
                    changed = True
                else:
                    corrected.append(word)
        return " ".join(corrected) if changed else None


SearchBackend = WhooshSearchBackend
