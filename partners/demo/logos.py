"""Logos for the demo structures, drawn with Pillow: initials on a coloured shape.

Each kind of structure gets its shape (care on a rounded square, social action on a circle,
associations on a hexagon…) and each structure its colour, so the directory looks varied
without copying anyone's logo.
"""

import math
import unicodedata

from PIL import Image, ImageDraw, ImageFont

from partners.models import Typology

# Dark enough for white initials to pass WCAG AA contrast.
COLOURS = [
    (0, 97, 107),
    (122, 40, 89),
    (31, 78, 140),
    (46, 104, 48),
    (150, 62, 20),
    (88, 60, 140),
    (20, 90, 80),
    (140, 30, 45),
]
WHITE = (255, 255, 255)
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "et", "en", "sur", "au", "aux", "pour"}

SHAPES = {
    Typology.HOSPITAL: "square",
    Typology.MSP: "square",
    Typology.CENTRE_SANTE: "square",
    Typology.CPTS: "square",
    Typology.CMP: "square",
    Typology.ADDICTOLOGY: "square",
    Typology.CCAS: "circle",
    Typology.FRANCE_SERVICES: "circle",
    Typology.SOCIAL_SECURITY: "circle",
    Typology.LOCAL_AUTHORITY: "circle",
    Typology.PMI: "circle",
}


def initials(name, count=3):
    """ "Maison de santé de Varzy" → "MSV": first letters of the significant words, unaccented."""
    words = [w for w in name.replace("'", " ").replace("’", " ").split() if w.isalpha()]
    if words and len(words[0]) > 1 and words[0].isupper():  # an acronym: CCAS, CPTS, CMP…
        return words[0][:4]
    letters = [w[0] for w in words if w.casefold() not in SMALL_WORDS] or [name[0]]
    text = "".join(letters[:count]).upper()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or "?"


def logo(name, typology, number, size=256):
    """A square RGBA logo for structure `name`, the `number`-th of the demo (for its colour)."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = COLOURS[number % len(COLOURS)]
    shape = SHAPES.get(typology, "hexagon")
    box = (4, 4, size - 5, size - 5)
    if shape == "square":
        draw.rounded_rectangle(box, radius=size // 5, fill=colour)
    elif shape == "circle":
        draw.ellipse(box, fill=colour)
    else:
        centre, radius = size / 2, size / 2 - 4
        points = [
            (
                centre + radius * math.cos(math.pi / 6 + k * math.pi / 3),
                centre + radius * math.sin(math.pi / 6 + k * math.pi / 3),
            )
            for k in range(6)
        ]
        draw.polygon(points, fill=colour)
    text = initials(name)
    font = ImageFont.load_default(size=int(size * {1: 0.5, 2: 0.42, 3: 0.32}.get(len(text), 0.26)))
    draw.text((size / 2, size / 2), text, fill=WHITE, font=font, anchor="mm")
    inset = size * 0.09
    if shape == "circle":
        draw.ellipse((inset, inset, size - inset, size - inset), outline=WHITE, width=3)
    return image
