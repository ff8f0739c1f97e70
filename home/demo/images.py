"""Pictures for the demo territory, drawn with Pillow: nothing is copied from anywhere.

They carry no text (Pillow's bundled font has no accents); what they show is told by the
alt text of the blocks that use them.
"""

import math

from PIL import Image, ImageDraw

TEAL = (0, 97, 107)
TEAL_DARK = (0, 67, 74)
SAND = (242, 181, 68)
WHITE = (255, 255, 255)
SKY = (214, 234, 236)
RIVER = (74, 144, 196)
HILLS = [(151, 196, 160), (104, 165, 128), (64, 130, 104), (35, 96, 84)]


def logo(size=512):
    """Five linked nodes on a rounded square: the mesh ("maillage") of local partners."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=TEAL)
    low, mid, high = size * 0.25, size * 0.5, size * 0.75
    nodes = [(low, low), (high, low), (mid, mid), (low, high), (high, low + mid)]
    links = [(0, 2), (1, 2), (3, 2), (4, 2), (0, 3), (1, 4)]
    for a, b in links:
        draw.line((nodes[a], nodes[b]), fill=SAND, width=size // 20)
    radius = size // 11
    for x, y in nodes:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=WHITE)
    return image


def _wave(width, base, amplitude, period, phase):
    return [
        (x, base + amplitude * math.sin(2 * math.pi * x / period + phase))
        for x in range(0, width + 10, 10)
    ]


def landscape(width=1440, height=960):
    """Rolling hills crossed by a river, under a pale sky: the countryside of the territory."""
    image = Image.new("RGB", (width, height), SKY)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.72, height * 0.1, width * 0.84, height * 0.28), fill=SAND)
    for index, colour in enumerate(HILLS):
        base = height * (0.42 + index * 0.13)
        ridge = _wave(width, base, height * 0.05, width / (1.2 + index * 0.4), index * 1.7)
        draw.polygon([*ridge, (width, height), (0, height)], fill=colour)
    river = [
        (width * t, height * (0.98 - 0.38 * t) + height * 0.04 * math.sin(9 * t))
        for t in (i / 60 for i in range(61))
    ]
    draw.line(river, fill=RIVER, width=max(6, width // 60), joint="curve")
    return image


def partners_network(width=1440, height=900):
    """The contract at the centre, linked to the circles of the partners it brings together."""
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    centre = (width / 2, height / 2)
    satellites = []
    for index in range(8):
        angle = 2 * math.pi * index / 8 + math.pi / 8
        satellites.append(
            (
                centre[0] + width * 0.34 * math.cos(angle),
                centre[1] + height * 0.36 * math.sin(angle),
            )
        )
    for index, point in enumerate(satellites):
        draw.line((centre, point), fill=TEAL, width=8)
        neighbour = satellites[(index + 1) % len(satellites)]
        draw.line((point, neighbour), fill=SAND, width=4)
    for index, (x, y) in enumerate(satellites):
        radius = 70 if index % 2 else 56
        colour = HILLS[index % len(HILLS)]
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=colour,
            outline=TEAL_DARK,
            width=6,
        )
    radius = 140
    draw.ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
        fill=TEAL,
        outline=TEAL_DARK,
        width=8,
    )
    return image
