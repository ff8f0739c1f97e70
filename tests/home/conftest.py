"""The news and calls for projects' listings, for the home app's tests of them."""

import pytest

from .factories import CallForProjectsIndexPageFactory, NewsIndexPageFactory


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, intro="Les nouvelles du contrat.")


@pytest.fixture
def calls_index(home_page):
    return CallForProjectsIndexPageFactory(parent=home_page)
