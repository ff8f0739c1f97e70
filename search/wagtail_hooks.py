from wagtail.snippets.models import register_snippet

from .viewsets import SynonymGroupViewSet

register_snippet(SynonymGroupViewSet)
