"""Wagtail's read-only API v2 at /api/v2/: live, public pages, as JSON.

Pages only. Wagtail's images and documents endpoints would list the media of every collection,
whichever structure owns them; a structure's logo goes out as a rendition URL in its page
instead (partners/api.py).
"""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    # JSON only: no browsable HTML version of a public data API.
    renderer_classes = [JSONRenderer]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
