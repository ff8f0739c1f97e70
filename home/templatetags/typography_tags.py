"""French typography: a non-breaking space keeps « ? ! : ; » on the line of their word."""

import re

from django import template

register = template.Library()

BEFORE_PUNCTUATION = re.compile(r" ([?!:;»])")
AFTER_QUOTE = re.compile(r"« ")


@register.filter(is_safe=True)
def fr_spacing(value):
    """ "santé ?" -> "santé\u00a0?" (plain text in, plain text out: escaping still applies)."""
    text = BEFORE_PUNCTUATION.sub("\u00a0\\1", str(value))
    return AFTER_QUOTE.sub("«\u00a0", text)
