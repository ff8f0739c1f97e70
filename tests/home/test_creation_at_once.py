"""Two requests creating the same page at once: the editor's autosave and a click on "Publier".

Wagtail's add form checks the slug, then creates the page; two requests doing both at once both
pass the check, and the second crashed (a server error) on the first's slug or tree path.
partners/admin_urls.py runs the add form's POSTs one at a time under a parent: the second waits,
then gets the form back with the slug's error. The first request is slowed down just before it
inserts its page, so that the second one checks the slug meanwhile.
"""

import threading
import time

import pytest
from django.db import connections
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage

# Committed, so that each thread's connection sees the other's writes; the migrations' data
# (home page, roles) put back afterwards (tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Le contrat signé"


def add_form(**extra):
    return nested_form_data(
        {"title": TITLE, "slug": "le-contrat-signe", "intro": "", "body": streamfield([]), **extra}
    )


def test_the_second_of_two_creations_at_once_gets_the_slug_error_not_a_crash(make_user, home_page):
    coordinator = make_user("coordinatrice", "Coordination")
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    first_inserting = threading.Event()
    answers = {}

    def slow_first_insert(sender, instance, **kwargs):
        if instance.pk is None and not first_inserting.is_set():
            first_inserting.set()
            time.sleep(0.5)  # the second request checks the slug meanwhile

    # Logged in beforehand: a login writes the session, which would wait for the first request.
    browsers = {name: Client() for name in ("autosave", "publish")}
    for browser in browsers.values():
        browser.force_login(coordinator)

    def post(name, data):
        try:
            answers[name] = browsers[name].post(url, data)
        finally:
            connections.close_all()

    pre_save.connect(slow_first_insert, sender=StandardPage)
    try:
        autosave = threading.Thread(target=post, args=("autosave", add_form()))
        autosave.start()
        assert first_inserting.wait(timeout=10)
        publish = threading.Thread(
            target=post, args=("publish", add_form(**{"action-publish": "action-publish"}))
        )
        publish.start()
        autosave.join(timeout=30)
        publish.join(timeout=30)
    finally:
        pre_save.disconnect(slow_first_insert, sender=StandardPage)

    assert answers["autosave"].status_code == 302
    assert answers["publish"].status_code == 200  # the form again, nothing lost
    assert "le-contrat-signe" in answers["publish"].content.decode()
    assert answers["publish"].context["form"].errors["slug"]
    assert StandardPage.objects.filter(title=TITLE).count() == 1
