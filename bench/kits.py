"""A campaign's whole kit as a zip: build time and memory for a ~50 MB kit, then cached serving.

The kit holds ten 4.5 MB PDFs and a 3 MB PNG made of random bytes (incompressible, as real
posters and photos nearly are), plus two texts: about 48 MB. Its files live in a temporary
media folder, and the pages in a transaction rolled back at the end: the bench leaves nothing.

Printed: the cold build (events.campaigns.kit_zip: every file copied in 1 MB chunks from the
storage into a temporary file, then saved), the first download over HTTP (the route, counting,
FileResponse streaming from the storage) and the median of later downloads (the cached zip),
each with the peak of Python allocations (tracemalloc) and the growth of the process's maximum
resident size (ru_maxrss). Whole files are never read into memory, so both stay far below the
kit's size.
"""

import datetime
import io
import os
import resource
import statistics
import tempfile
import time
import tracemalloc

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from events import campaigns
from events.models import CampaignIndexPage, CampaignPage, KitItem, KitItemKind
from home.models import HomePage

DOCUMENTS = 10
DOCUMENT_SIZE = 4_500_000
IMAGE_SIDE = 1000  # 3 MB of random RGB pixels
SERVED = 5


class Rollback(Exception):
    pass


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fake_pdf(number):
    return ContentFile(
        b"%PDF-1.4\n" + os.urandom(DOCUMENT_SIZE - 9), name=f"affiche-{number:02d}.pdf"
    )


def noise_png():
    buffer = io.BytesIO()
    pixels = os.urandom(IMAGE_SIDE * IMAGE_SIDE * 3)
    PILImage.frombytes("RGB", (IMAGE_SIDE, IMAGE_SIDE), pixels).save(buffer, "PNG")
    return ImageFile(buffer, name="visuel.png")


def build_campaign():
    Document, Image = get_document_model(), get_image_model()
    root = Collection.get_first_root_node()
    items = []
    for number in range(DOCUMENTS):
        document = Document(title=f"Affiche {number}", file=fake_pdf(number), collection=root)
        document._set_document_file_metadata()
        document.save()
        items.append(
            KitItem(kind=KitItemKind.DOCUMENT, title=f"Affiche {number}", document=document)
        )
    image = Image(title="Visuel", file=noise_png(), collection=root)
    image._set_image_file_metadata()
    image.save()
    items.append(KitItem(kind=KitItemKind.IMAGE, title="Visuel", image=image, image_alt="Bruit"))
    for number in range(2):
        items.append(
            KitItem(kind=KitItemKind.TEXT, title=f"Texte {number}", text="Un texte à copier. " * 50)
        )
    home = HomePage.objects.first()
    index = CampaignIndexPage.objects.first() or home.add_child(
        instance=CampaignIndexPage(title="Campagnes", slug="campagnes-mesure", live=True)
    )
    today = datetime.date.today()
    page = index.add_child(
        instance=CampaignPage(
            title="Campagne de mesure",
            slug="campagne-mesure-kit",
            summary="Un kit de 50 Mo pour la mesure.",
            start_date=today,
            end_date=today + datetime.timedelta(days=30),
            kit_items=items,
            live=True,
        )
    )
    size = sum(item.document.file_size for item in items if item.document) + image.file_size
    return page, size


def measured(function):
    """(result, seconds, tracemalloc peak in MB, ru_maxrss growth in MB)."""
    rss_before = max_rss_mb()
    tracemalloc.start()
    start = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak / 2**20, max_rss_mb() - rss_before


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    total = 0
    for chunk in response.streaming_content:
        total += len(chunk)
    return total


def run():
    print("\nKit zip (~50 MB kit; SQLite, production settings, local file storage)")
    with (
        tempfile.TemporaryDirectory(prefix="maillage-bench-kits-") as media,
        override_settings(MEDIA_ROOT=media),
    ):
        try:
            with transaction.atomic():
                report(*build_campaign())
                raise Rollback
        except Rollback:
            pass


def report(page, files_size):
    print(f"  kit files: {files_size / 2**20:.1f} MB in {page.kit_items.count()} items")
    name, seconds, peak, rss = measured(lambda: campaigns.kit_zip(page))
    zip_size = default_storage.size(name)
    print(
        f"  cold build (kit_zip):        {seconds * 1000:7.0f} ms   zip {zip_size / 2**20:.1f} MB"
        f"   tracemalloc peak {peak:5.2f} MB   ru_maxrss +{rss:.1f} MB"
    )
    default_storage.delete(name)
    client = Client()
    url = page.url + "kit/tout/"
    size, seconds, peak, rss = measured(lambda: download(client, url))
    print(
        f"  first download over HTTP:    {seconds * 1000:7.0f} ms   {size / 2**20:.1f} MB sent"
        f"   tracemalloc peak {peak:5.2f} MB   ru_maxrss +{rss:.1f} MB"
    )
    timings, peaks = [], []
    for _ in range(SERVED):
        _size, seconds, peak, rss = measured(lambda: download(client, url))
        timings.append(seconds)
        peaks.append(peak)
    print(
        f"  cached download (median {SERVED}): {statistics.median(timings) * 1000:5.0f} ms"
        f"   tracemalloc peak {max(peaks):5.2f} MB   ru_maxrss +{rss:.1f} MB"
    )
