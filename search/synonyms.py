"""The coordination's synonym groups, as the search backend reads them.

A query containing one expression of a group (matched on analysed terms, so that
"infection sexuellement transmissible" matches "infections sexuellement transmissibles") also
looks for the others.
Groups are read once and kept in the cache until one is saved or deleted.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .analysis import terms
from .models import SynonymGroup

CACHE_KEY = "search:synonym-groups"


def synonym_groups():
    """[[terms of expression, …], …]: each group's expressions as analysed term tuples."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = []
        for group in SynonymGroup.objects.all():
            expressions = [tuple(terms(text)) for text in group.expression_list]
            expressions = [expression for expression in expressions if expression]
            if len(expressions) > 1:
                groups.append(expressions)
        cache.set(CACHE_KEY, groups, None)
    return groups


def _contains(sequence, part):
    length = len(part)
    return any(tuple(sequence[i : i + length]) == part for i in range(len(sequence) - length + 1))


def equivalents(query_terms):
    """The expressions (term tuples) equivalent to those found in `query_terms`, which are
    themselves left out."""
    query_terms = list(query_terms)
    found = []
    for group in synonym_groups():
        if any(_contains(query_terms, expression) for expression in group):
            found.extend(e for e in group if not _contains(query_terms, e) and e not in found)
    return found


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def forget_synonyms(**kwargs):
    cache.delete(CACHE_KEY)
