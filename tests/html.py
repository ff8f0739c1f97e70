"""Reading rendered pages the way an accessibility or privacy audit does."""

import re
from html.parser import HTMLParser

# Resources a browser loads on its own (links a visitor clicks are not counted).
LOADED_RESOURCES = re.compile(
    r"<(?:script|img|iframe|source|link)\b[^>]*?\s(?:src|href|srcset)=\"(https?:)?//", re.I
)


class PageStructure(HTMLParser):
    """Collects what an accessibility audit looks at first."""

    def __init__(self):
        super().__init__()
        self.headings, self.ids, self.labels, self.fields = [], [], set(), []
        self.images_without_alt, self.inline_styles, self.landmarks = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.fields.append(attrs.get("id"))
        if tag == "img" and "alt" not in attrs:
            self.images_without_alt.append(attrs.get("src"))
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.inline_styles.append(tag)
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.append(tag)
