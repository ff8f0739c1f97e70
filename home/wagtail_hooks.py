"""Admin registrations of the home app (registration only; screens live in viewsets.py)."""

from wagtail.snippets.models import register_snippet

from .viewsets import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)
