"""Clean HTML that a form outside Wagtail's editor stores.

Wagtail cleans rich text only in its own editor (its contentstate converter). Wall cards and
relay requests are written in plain forms by partners: whatever they send is cleaned here, with
nh3 (the Rust `ammonia` sanitiser), before it is saved, so that templates may output it as is.
"""

import re

import nh3
from django.utils.html import linebreaks

# Simple formatting, lists and links: what a partner pastes from an e-mail or a word processor.
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
BLOCK_TAG = re.compile(r"<(p|br|ul|ol|li)\b", re.IGNORECASE)


def clean_html(value):
    """`value` with only the allowed tags and attributes; links open safely.

    Text typed in a textarea (no paragraph, list or line-break tag) gets its paragraphs and line
    breaks as HTML, so that the partner sees the text as typed.
    """
    if not value:
        return ""
    if not BLOCK_TAG.search(value):
        value = linebreaks(value)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_text(value):
    """The text of `value` without any tag: for e-mails and feeds."""
    return nh3.clean(value or "", tags=set()).strip()
