"""Page queries do not grow with the number of pages in the tree."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# The brief's goal for any public page; Wagtail's bakery demo needs 43 for its home page.
MAX_QUERIES = 15


def count_queries(client, url):
    client.get(url)  # warm-up: image renditions and caches are made once
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert context.captured_queries, "no query captured: the count would prove nothing"
    return len(context.captured_queries)


def add_menu_pages(parent, count):
    return [StandardPageFactory(parent=parent, show_in_menus=True) for _ in range(count)]


def test_standard_page_query_count_does_not_grow_with_its_subpages_or_the_menu(
    client, home_page, django_assert_max_num_queries
):
    section = StandardPageFactory(parent=home_page, title="Le contrat", show_in_menus=True)
    child = StandardPageFactory(parent=section)
    StandardPageFactory(parent=section)
    few = count_queries(client, section.url)
    few_child = count_queries(client, child.url)

    for _ in range(40):
        StandardPageFactory(parent=section)
    add_menu_pages(home_page, 40)
    many = count_queries(client, section.url)
    many_child = count_queries(client, child.url)

    assert (many, many_child) == (few, few_child)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(section.url)
