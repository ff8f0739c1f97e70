"""French dates in templates: {{ news.date|french_date }} -> "1er décembre 2026"."""

import datetime

from django import template
from django.utils import timezone

from home.dates import french_date as format_french_date

register = template.Library()


@register.filter
def french_date(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return value
    return format_french_date(value)
