from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from . import navigation


def site_settings(request):
    """`site_settings` in every template: the current site's settings, from the cache."""

    def load():
        site = Site.find_for_request(request)
        return navigation.site_settings(site) if site is not None else None

    return {"site_settings": SimpleLazyObject(load)}
