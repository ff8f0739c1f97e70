"""Campaign dates in words, for cards and pages: « du 1er au 30 novembre 2026 »."""

from django import template

from ..campaigns import campaign_dates as dates_in_words

register = template.Library()


@register.filter
def campaign_dates(page):
    if not page.start_date or not page.end_date:
        return ""
    return dates_in_words(page)
