"""Files of the wall's cards and of relay requests: stored under reseau/, handed out by views.

The media URL never serves reseau/ (site/urls.py); the wall's and the relay admin's views check
who may read a file, then answer with `private_file_response`: typed by its extension from an
allow-list (never by what the upload claimed), sniffing forbidden, and sandboxed so that a
hostile file runs nothing.
"""

from pathlib import PurePosixPath

from django.http import FileResponse, Http404

from .uploads import extension_of

# The only types a private file is ever served as; any other extension is a 404.
SERVED_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "txt": "text/plain; charset=utf-8",
}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}


def private_file_response(file, *, as_attachment, cache_control):
    """`file` (a FieldFile) as a response, or Http404 if it is missing or of another type."""
    content_type = SERVED_TYPES.get(extension_of(file.name)) if file else None
    if content_type is None:
        raise Http404
    try:
        handle = file.storage.open(file.name, "rb")
    except OSError as error:  # the row is there, the file is gone
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=as_attachment,
        filename=PurePosixPath(file.name).name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = cache_control
    return response
