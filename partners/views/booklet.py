"""The printable resource booklet (/structures/livret/) and its PDF (/structures/livret/pdf/).

Both read the same GET form (partners/booklet.py), so a selection's link opens the same list on
screen, on paper and as a PDF. Nothing is stored. The optional title may name a patient: pages
that carry one are kept out of every cache (no-store), and it never enters the QR code.
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from home.navigation import site_settings

from .. import booklet as booklet_module


def _private(response, booklet):
    if booklet.criteria.title:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def booklet_view(request, index):
    form, booklet = booklet_module.build(request, index, request.GET)
    context = {
        "page": index,
        "self": index,
        "form": form,
        "booklet": booklet,
        "max_structures": booklet_module.MAX_STRUCTURES,
    }
    response = TemplateResponse(request, "pages/partners/booklet.html", context)
    return _private(response, booklet)


@require_safe
def booklet_pdf_view(request, index):
    _form, booklet = booklet_module.build(request, index, request.GET)
    site = Site.find_for_request(request)
    territory = site_settings(site).territory_name if site else ""
    response = HttpResponse(
        booklet_module.render_pdf(booklet, territory_name=territory),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{booklet.filename}"'
    return _private(response, booklet)
