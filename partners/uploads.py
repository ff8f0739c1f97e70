"""Upload checks of the whole site: the admin's image and document forms, and the wall's files.

Images: Wagtail's form, with two holes closed.

Partners upload logos and photos; anyone with a browser can hand the form a crafted file. Wagtail
checks the extension, the format, the size and the pixel count, but it counts the pixels after
Willow has decoded the whole picture (Pillow only refuses on its own above ~179 megapixels): a
100-megapixel PNG of a few hundred kilobytes would take 400 MB of memory before being refused.
And a file that starts like an image but is cut short or corrupt raises an error from Pillow
that the form does not catch: a server error instead of a message.

This field reads the dimensions from the header first, refuses what exceeds
WAGTAILIMAGES_MAX_IMAGE_PIXELS before anything is decoded, and turns a decoding failure into
Wagtail's own "not a valid image" message. WAGTAILIMAGES_IMAGE_FORM_BASE points here, so every
image form (upload, multiple upload, chooser upload, replacing a file) uses it.

Documents: Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS) and the size, never the content:
an HTML page renamed "affiche.pdf" would be accepted and handed out. `check_document_content`
reads the first bytes (and, for office files, the zip directory) and refuses a file whose content
is not what its extension says, or a zip that would unpack to far more than it weighs.
WAGTAILDOCS_DOCUMENT_FORM_BASE points here; the wall's forms call the same functions.

Weight: Wagtail and the wall check a file's size once it has arrived, which Django spools to a
temporary file above FILE_UPLOAD_MAX_MEMORY_SIZE (never in memory). `RequestSizeLimitMiddleware`
refuses a request announcing more than UPLOAD_MAX_REQUEST_SIZE from its Content-Length, before
a byte of it is read: Django never reads past Content-Length, so nothing larger gets in.
"""

import re
import struct
import warnings
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises on a file that is not, or no longer, a readable image.
UNREADABLE_IMAGE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


class ImageField(WagtailImageField):
    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            self.check_header_pixel_size(data)
        try:
            return super().to_python(data)
        except UNREADABLE_IMAGE_ERRORS as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    def check_header_pixel_size(self, file):
        """Refuse too many pixels from the dimensions the header declares, decoding nothing."""
        if self.max_image_pixels is None:
            return
        try:
            with warnings.catch_warnings():
                # Pillow warns above its own limit; ours is lower and refuses below.
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(file) as image:
                    width, height = image.size
        except PILImage.DecompressionBombError as error:
            # Pillow refuses to open it at all, naming the number of pixels the header declares.
            declared = re.search(r"\((\d+) pixels\)", str(error))
            num_pixels = int(declared.group(1)) if declared else None
        except UNREADABLE_IMAGE_ERRORS:
            return  # not an image Pillow knows: Wagtail's own checks name the problem
        else:
            num_pixels = width * height
        finally:
            file.seek(0)
        if num_pixels is None or num_pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {
                    "num_pixels": num_pixels if num_pixels is not None else _("unknown number"),
                    "max_pixels_count": self.max_image_pixels,
                },
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    file = ImageField(label=capfirst(get_image_model()._meta.get_field("file").verbose_name))


# Documents -------------------------------------------------------------------------------------

# What the first bytes of each allowed format must be ("zip" formats are checked inside).
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OOXML = {"docx", "pptx", "xlsx"}
OPENDOCUMENT = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
TEXT_FORMATS = {"csv", "txt"}
# Markup that has nothing to do in a text file, and that a browser would run if sniffing.
MARKUP_SIGNS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")
# The same, minus what a PDF's own first kilobyte may hold (XMP metadata is XML).
PDF_MARKUP_SIGNS = (b"<html", b"<!doctype", b"<script", b"<iframe", b"<body", b"<head")
# A zip may not unpack to more than this many times its own weight, nor hold more entries.
MAX_ZIP_RATIO = 100
MAX_ZIP_ENTRIES = 5000

FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "pptx": "PowerPoint (PPTX)",
    "xlsx": "Excel (XLSX)",
    "odt": "texte OpenDocument (ODT)",
    "ods": "tableur OpenDocument (ODS)",
    "odp": "présentation OpenDocument (ODP)",
    "csv": "CSV",
    "txt": "texte",
    "zip": "ZIP",
}


def extension_of(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def not_what_it_says(extension):
    return ValidationError(
        "Le contenu de ce fichier ne correspond pas à son extension « .%(extension)s » "
        "(%(format)s attendu). Enregistrez-le de nouveau au bon format.",
        code="content_mismatch",
        params={"extension": extension, "format": FORMAT_NAMES.get(extension, extension)},
    )


def check_document_content(file, extension=None):
    """Refuse `file` unless its content matches its extension; leaves the file at position 0."""
    extension = extension or extension_of(getattr(file, "name", ""))
    try:
        file.seek(0)
        head = file.read(2048)
        if extension == "pdf":
            # Readers accept a few bytes of junk before the header, but not markup: an HTML
            # page with "%PDF-" in a comment, or a header followed by a page, is not a PDF.
            start = head.find(PDF_MAGIC)
            if not 0 <= start < 1024 or any(
                sign in head[:1024].lower() for sign in PDF_MARKUP_SIGNS
            ):
                raise not_what_it_says(extension)
        elif extension in OOXML or extension in OPENDOCUMENT or extension == "zip":
            if not head.startswith(ZIP_MAGIC):
                raise not_what_it_says(extension)
            check_zip(file, extension)
        elif extension in TEXT_FORMATS:
            check_text(head, extension)
    finally:
        file.seek(0)


def check_zip(file, extension):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if extension in OOXML and "[Content_Types].xml" not in names:
                raise not_what_it_says(extension)
            if extension in OPENDOCUMENT:
                if "mimetype" not in names:
                    raise not_what_it_says(extension)
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype != OPENDOCUMENT[extension]:
                    raise not_what_it_says(extension)
            unpacked = sum(entry.file_size for entry in entries)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise not_what_it_says(extension) from error
    size = getattr(file, "size", None) or 1
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_ZIP_RATIO * max(size, 1024 * 1024):
        raise ValidationError(
            "Cette archive se décompresse en bien plus que son poids (%(unpacked)s) : "
            "elle est refusée par prudence.",
            code="zip_bomb",
            params={"unpacked": filesizeformat(unpacked)},
        )


def check_text(head, extension):
    lowered = head.lower().lstrip()
    if b"\x00" in head or any(sign in lowered for sign in MARKUP_SIGNS):
        raise not_what_it_says(extension)


def check_size(file, max_size):
    if max_size is not None and file.size > max_size:
        raise ValidationError(
            "Ce fichier est trop lourd (%(size)s) : %(max)s au plus.",
            code="file_too_large",
            params={"size": filesizeformat(file.size), "max": filesizeformat(max_size)},
        )


def check_extension(file, allowed):
    extension = extension_of(file.name)
    if extension not in allowed:
        raise ValidationError(
            "Le format « .%(extension)s » n'est pas accepté. Formats acceptés : %(allowed)s.",
            code="invalid_extension",
            params={"extension": extension or "?", "allowed": ", ".join(sorted(allowed))},
        )
    return extension


def check_image(file, max_pixels=None):
    """Refuse a file that is not a readable JPEG, PNG or WebP image of a sensible size.

    The header's dimensions are checked before anything is decoded (no decompression bomb),
    then the picture is decoded once to be sure it is whole. Returns (width, height).
    """
    max_pixels = max_pixels or settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    unreadable = ValidationError(
        "Ce fichier n'est pas une image lisible (JPEG, PNG ou WebP attendu).",
        code="invalid_image",
    )
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as image:
                width, height = image.size
                image_format = image.format
                if width * height > max_pixels:
                    raise ValidationError(
                        "Cette image compte trop de pixels (%(width)s × %(height)s) : "
                        "réduisez-la avant de l'envoyer.",
                        code="file_too_many_pixels",
                        params={"width": width, "height": height},
                    )
                if image_format not in {"JPEG", "PNG", "WEBP"}:
                    raise unreadable
                image.load()
    except PILImage.DecompressionBombError as error:
        raise ValidationError(
            "Cette image compte trop de pixels : réduisez-la avant de l'envoyer.",
            code="file_too_many_pixels",
        ) from error
    except UNREADABLE_IMAGE_ERRORS as error:
        raise unreadable from error
    finally:
        file.seek(0)
    return width, height


def validate_upload(file, allowed_extensions, max_size, max_pixels=None):
    """Extension, weight, then content: the checks of every upload outside Wagtail's forms."""
    extension = check_extension(file, allowed_extensions)
    check_size(file, max_size)
    if extension in {"jpg", "jpeg", "png", "webp"}:
        check_image(file, max_pixels)
    else:
        check_document_content(file, extension)
    return extension


class DocumentForm(BaseDocumentForm):
    def _post_clean(self):
        # A refused file leaves the document without one, and the model's own extension check
        # would then add "L'extension de fichier « » n'est pas autorisée": keep the real reason.
        refusal = list(self._errors.get("file", []))
        super()._post_clean()
        if refusal:
            self._errors["file"] = self.error_class(refusal)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_document_content(file)
        return file


# Request weight -------------------------------------------------------------------------------


def too_large_message(length):
    size, images, documents = (
        filesizeformat(value)
        for value in (
            length,
            settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        )
    )
    return (
        f"Cet envoi est trop lourd ({size}) : les images font {images} au plus, les documents "
        f"{documents}. Réduisez le fichier avant de l'envoyer."
    )


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose body announces more than UPLOAD_MAX_REQUEST_SIZE, unread.

    The admin's multiple upload (XMLHttpRequest, JSON expected) gets the JSON its script reads,
    anything else a short French page. A web server in front should refuse the same bodies
    itself (nginx: client_max_body_size), as the README says.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.UPLOAD_MAX_REQUEST_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django itself reads such a body as empty
        if limit is not None and length > limit:
            return self.refuse(request, length)
        return self.get_response(request)

    def refuse(self, request, length):
        message = too_large_message(length)
        wants_json = request.headers.get(
            "x-requested-with"
        ) == "XMLHttpRequest" or "application/json" in request.headers.get("accept", "")
        if wants_json:
            return JsonResponse({"success": False, "error_message": message}, status=413)
        page = format_html(
            '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            "<title>Envoi trop lourd</title></head><body><h1>Envoi trop lourd</h1>"
            "<p>{}</p><p>Revenez au formulaire avec le bouton « Retour » du navigateur.</p>"
            "</body></html>",
            message,
        )
        return HttpResponse(page, status=413, content_type="text/html; charset=utf-8")
