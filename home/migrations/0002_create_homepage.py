"""Replace Wagtail's placeholder page with Maillage's home page, and point the default site at it.

The site's address comes from WAGTAILADMIN_BASE_URL, so that full URLs (sitemap, e-mails) are
right from the first `migrate` on a server; it stays editable under Paramètres › Sites.
"""

from urllib.parse import urlsplit

import swapper
from django.conf import settings
from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model(swapper.get_model_name("wagtailcore", "Page"))
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")

    # Wagtail's "Welcome to your new Wagtail site!" page; its Site goes with it (cascade).
    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2
    ).delete()

    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    home = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="accueil",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
        show_in_menus=False,
    )

    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    Site.objects.create(
        hostname=address.hostname or "localhost",
        port=address.port or (443 if address.scheme == "https" else 80),
        site_name=settings.WAGTAIL_SITE_NAME,
        root_page=home,
        is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    HomePage.objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
