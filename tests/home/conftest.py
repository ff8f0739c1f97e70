"""The news and calls for projects' listings, for the home app's tests of them.

Each is published once per test module (when a test first asks for it) and rolled back after the
module's last test; each test reads it afresh and what it changes is rolled back after it.
"""

import pytest

from home.models import CallForProjectsIndexPage, HomePage, NewsIndexPage
from tests.conftest import rolled_back_after_module

from .factories import CallForProjectsIndexPageFactory, NewsIndexPageFactory


@pytest.fixture(scope="module")
def module_news_index(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield NewsIndexPageFactory(
            parent=HomePage.objects.get(depth=2), intro="Les nouvelles du contrat."
        )


@pytest.fixture(scope="module")
def module_calls_index(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield CallForProjectsIndexPageFactory(parent=HomePage.objects.get(depth=2))


@pytest.fixture
def news_index(module_news_index, db):
    return NewsIndexPage.objects.get(pk=module_news_index.pk)


@pytest.fixture
def calls_index(module_calls_index, db):
    return CallForProjectsIndexPage.objects.get(pk=module_calls_index.pk)
