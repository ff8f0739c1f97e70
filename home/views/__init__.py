from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    """robots.txt: everything public may be indexed, except the admin and search results."""
    content = render_to_string(
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
    )
    return HttpResponse(content, content_type="text/plain; charset=utf-8")
