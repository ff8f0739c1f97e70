"""The kit's counting routes (see CampaignPage in events/models.py).

Every download of a kit file goes through here: the download is counted (events/campaigns.py,
anonymously: no cookie is set, nothing about the visitor is stored; a HEAD request is not
counted), then the file is handed out. Documents go on to Wagtail's own serve view (which
checks collection privacy); visuals, their social-network sizes, texts and the whole kit's zip
are streamed from the storage as attachments.

Only items of the live version of a live page without view restriction are served: anything
else, an unknown item or an unknown variant, is a 404.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.text import slugify
from wagtail.images.models import SourceImageIOError

from .. import campaigns
from ..models import KitDownload, KitItemKind

SAFE_METHODS = ("GET", "HEAD")


def servable(request, page):
    """Refuse methods that change things, and pages that are not live and public."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    if not page.live or page.get_view_restrictions().exists():
        raise Http404
    return None


def counted(request, page, key, title, variant=KitDownload.ORIGINAL):
    if request.method == "GET":
        campaigns.count_download(page, key, title, variant)


def open_or_404(field_file):
    """The file of an image or rendition, opened from its storage; 404 if it was lost."""
    try:
        return field_file.storage.open(field_file.name, "rb")
    except OSError as error:
        raise Http404 from error


def attachment(file, filename, content_type=None):
    response = FileResponse(file, as_attachment=True, filename=filename)
    # Read in 64 kB blocks rather than 4 kB (when the server has no wsgi.file_wrapper).
    response.block_size = 64 * 1024
    if content_type:
        response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"  # each download reaches the counter
    return response


def item_file_view(request, page, item_id):
    """The item itself: a document (through Wagtail), a visual's original, a text as .txt."""
    refused = servable(request, page)
    if refused:
        return refused
    item = campaigns.live_kit_item(page, item_id)
    if item is None:
        raise Http404
    if item.kind == KitItemKind.DOCUMENT and item.document is not None:
        counted(request, page, item.pk, item.title)
        return redirect(item.document.url)
    if item.kind == KitItemKind.IMAGE and item.image is not None:
        image = item.image
        file = open_or_404(image.file)
        counted(request, page, item.pk, item.title)
        name = f"{slugify(item.title) or 'visuel'}.{campaigns.extension(image.file.name)}"
        return attachment(file, name)
    if item.kind == KitItemKind.TEXT and item.text.strip():
        counted(request, page, item.pk, item.title)
        response = HttpResponse(
            "\ufeff" + campaigns.text_file(item), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{slugify(item.title) or "texte"}.txt"'
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
    raise Http404


def item_variant_view(request, page, item_id, variant):
    """A visual at a social-network size, or a document's accessible version."""
    refused = servable(request, page)
    if refused:
        return refused
    item = campaigns.live_kit_item(page, item_id)
    if item is None:
        raise Http404
    if variant == campaigns.ACCESSIBLE:
        document = item.accessible_document
        if item.kind != KitItemKind.DOCUMENT or document is None:
            raise Http404
        counted(request, page, item.pk, item.title, variant)
        return redirect(document.url)
    social = campaigns.SOCIAL_FORMATS_BY_SLUG.get(variant)
    if social is None or item.kind != KitItemKind.IMAGE or item.image is None:
        raise Http404
    try:
        rendition = item.image.get_rendition(social.spec)
    except SourceImageIOError as error:
        raise Http404 from error  # the original is lost from the storage
    file = open_or_404(rendition.file)
    counted(request, page, item.pk, item.title, variant)
    name = f"{slugify(item.title) or 'visuel'}-{social.slug}-{rendition.width}x{rendition.height}"
    name += f".{campaigns.extension(rendition.file.name)}"
    return attachment(file, name)


def kit_zip_view(request, page):
    """The whole kit, as a zip built once per version of the kit, streamed from the storage."""
    refused = servable(request, page)
    if refused:
        return refused
    if not page.kit_items.exists():
        raise Http404
    name = campaigns.kit_zip(page)
    counted(request, page, KitDownload.WHOLE_KIT, "Kit complet")
    return attachment(
        default_storage.open(name, "rb"), campaigns.kit_zip_filename(page), "application/zip"
    )
