"""The demo home page's queries do not grow with the number of pages in the tree."""

import pytest

from tests.home.test_query_counts import MAX_QUERIES, add_menu_pages, count_queries

pytestmark = pytest.mark.usefixtures("demo_territory", "db")


def test_home_page_query_count_does_not_grow_with_the_number_of_pages(
    client, home_page, django_assert_max_num_queries
):
    add_menu_pages(home_page, 2)
    few = count_queries(client, "/")

    add_menu_pages(home_page, 20)
    many = count_queries(client, "/")

    assert many == few
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/")
