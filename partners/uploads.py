"""The image upload form of the whole admin: Wagtail's, with two holes closed.

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
"""

import struct
import warnings

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from PIL import Image as PILImage
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
        except PILImage.DecompressionBombError:
            width = height = None
        except UNREADABLE_IMAGE_ERRORS:
            return  # not an image Pillow knows: Wagtail's own checks name the problem
        finally:
            file.seek(0)
        if width is None or width * height > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {
                    "num_pixels": width * height if width is not None else _("unknown number"),
                    "max_pixels_count": self.max_image_pixels,
                },
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    file = ImageField(label=capfirst(get_image_model()._meta.get_field("file").verbose_name))
