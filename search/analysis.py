"""French text analysis for the Whoosh search backend: how indexed text and queries become terms.

Habitants type without accents, in the plural, with elisions ("l'alimentation des bébés",
"preventions alcool jeunes"). Both the indexed text and the query go through the same chain:
1. words, apostrophes kept inside them ("l'alimentation", "aujourd'hui");
2. lower case;
3. elision removed ("l'", "d'", "qu'", "j'", "lorsqu'"… in front of a word; both the typewriter
   and the typographic apostrophe);
4. accents folded ("prévention" → "prevention", "cœur" → "coeur");
5. French stop words dropped (Whoosh's list, folded, plus a few articles it lacks);
6. French Snowball stemming ("preventions", "prévention" → "prevent"; "aidants", "aide" → "aid").

`french_analyzer()` is the analyzer for full-text fields; `autocomplete_analyzer()` adds edge
n-grams to the folded words (no stemming: "vacc" must find "vaccination").
"""

import re

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

# A word: letters and digits, with apostrophes or hyphens inside it kept for the elision filter.
WORD = r"\w+(?:['’]\w+)*"
ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|quoiqu|presqu)['’]", re.I)
EXTRA_STOP_WORDS = {"les", "un", "une", "du", "au", "aux", "et", "ou", "a", "est"}
# Ngrams for autocompletion: from 2 characters to this many.
AUTOCOMPLETE_MAX_GRAM = 15


# Accents folded, and the ligatures French writes spelt out ("cœur" → "coeur").
FOLDING = {**accent_map, ord("œ"): "oe", ord("Œ"): "oe", ord("æ"): "ae", ord("Æ"): "ae"}


def fold(text):
    """`text` without accents or ligatures, in lower case ("Prévention" → "prevention")."""
    return text.lower().translate(FOLDING)


STOP_WORDS = frozenset(fold(word) for word in stopwords_for_language("fr")) | EXTRA_STOP_WORDS


class ElisionFilter(Filter):
    """Removes an elided article or pronoun in front of a word: "l'eau" → "eau"."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = ELISION.sub("", token.text)
            # "aujourd'hui" keeps its apostrophe; any other is a word boundary left over.
            if token.text:
                yield token


def _base():
    return (
        RegexTokenizer(WORD)
        | LowercaseFilter()
        | ElisionFilter()
        | CharsetFilter(FOLDING)
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
    )


class PluralErFilter(Filter):
    """Takes the plural "s" off nouns in "-ers" before stemming: Snowball strips "-er" as a
    verb ending from "cancer" ("canc") but not from "cancers" ("cancer"), so that the singular
    and the plural of "cancer", "danger", "foyer", "conseiller"… would not find each other."""

    def __call__(self, tokens):
        for token in tokens:
            if len(token.text) > 4 and token.text.endswith("ers"):
                token.text = token.text[:-1]
            yield token


def french_analyzer(cachesize=50000):
    """Words → folded French stems."""
    return _base() | PluralErFilter() | StemFilter(lang="fr", cachesize=cachesize)


def autocomplete_analyzer():
    """Words → folded prefixes (2 to AUTOCOMPLETE_MAX_GRAM characters), for "search as you
    type"."""
    return _base() | NgramFilter(minsize=2, maxsize=AUTOCOMPLETE_MAX_GRAM, at="start")


def spelling_analyzer():
    """Words as written, in lower case, without elided articles: the vocabulary "did you mean"
    suggestions are taken from (accents kept, so that the suggestion reads right)."""
    return RegexTokenizer(WORD) | LowercaseFilter() | ElisionFilter()


def search_words(text):
    """Folded words of `text` without stemming (autocomplete queries)."""
    return [token.text for token in _base()(text)]


def terms(text, analyzer=None):
    """The terms `text` becomes: for tests and the "did you mean" suggestions."""
    analyzer = analyzer or french_analyzer()
    return [token.text for token in analyzer(text)]
