"""Excerpts of the search page, with the words that matched wrapped in <mark>.

A word matches when it analyses to one of the query's terms (search.analysis: French folding and
stemming), so "vaccins" marks "vaccin" and "Vaccins", never "vaccination" (another stem). All the
text is escaped; only the <mark> tags this module writes are markup.
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .analysis import french_analyzer, terms

WORD = re.compile(r"\w+(?:['’]\w+)*")
EXCERPT_WORDS = 40
WORDS_BEFORE_MATCH = 12
ELLIPSIS = "…"


def plain(value):
    """Text of a field value: rich text and StreamField blocks without their markup."""
    if value is None:
        return ""
    raw = getattr(value, "raw_data", None)  # a StreamValue: its stored strings, no rendering
    if raw is not None:
        return " ".join(_strings(list(raw)))
    text = str(value)
    if "<" in text or "&" in text:
        text = html.unescape(strip_tags(text))
    return " ".join(text.split())


def _strings(data):
    if isinstance(data, str):
        text = data
        if "<" in text or "&" in text:
            text = html.unescape(strip_tags(text))
        if text.strip():
            yield " ".join(text.split())
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("type", "id"):
                yield from _strings(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _strings(item)


class Highlighter:
    """Marks the words of texts that share a term with `query`."""

    def __init__(self, query):
        self.analyzer = french_analyzer(cachesize=1000)
        self.query_terms = set(terms(query, self.analyzer))
        self._cache = {}

    def matches(self, word):
        if not self.query_terms:
            return False
        key = word.lower()
        if key not in self._cache:
            self._cache[key] = bool(self.query_terms.intersection(terms(word, self.analyzer)))
        return self._cache[key]

    def mark(self, text):
        """`text` escaped, its matching words in <mark>."""
        parts, position = [], 0
        for found in WORD.finditer(text):
            if self.matches(found.group()):
                parts.append(escape(text[position : found.start()]))
                parts.append(f"<mark>{escape(found.group())}</mark>")
                position = found.end()
        parts.append(escape(text[position:]))
        return mark_safe("".join(parts))  # noqa: S308 — every piece above is escaped

    def excerpt(self, texts, words=EXCERPT_WORDS):
        """Up to `words` words of the first text with a match (around it), or of the first text
        at all; escaped and marked. '' when every text is empty."""
        texts = [text for text in (plain(value) for value in texts) if text]
        if not texts:
            return ""
        chosen, first_match = texts[0], None
        for text in texts:
            tokens = list(WORD.finditer(text))
            for index, token in enumerate(tokens):
                if self.matches(token.group()):
                    chosen, first_match = text, index
                    break
            if first_match is not None:
                break
        tokens = list(WORD.finditer(chosen))
        if not tokens:
            return self.mark(chosen[:300])
        begin = max(0, (first_match or 0) - WORDS_BEFORE_MATCH)
        end = min(len(tokens), begin + words)
        if end - begin < words:
            begin = max(0, end - words)
        start_char = 0 if begin == 0 else tokens[begin].start()
        end_char = len(chosen) if end == len(tokens) else tokens[end - 1].end()
        marked = self.mark(chosen[start_char:end_char])
        prefix = f"{ELLIPSIS} " if begin > 0 else ""
        suffix = f" {ELLIPSIS}" if end < len(tokens) else ""
        return mark_safe(f"{prefix}{marked}{suffix}")  # noqa: S308 — marked is escaped
