"""The coordination validates or refuses the values partners entered ("À valider")."""

import decimal

import pytest
from django.core import mail
from django.urls import reverse

from evaluation.entry import review_value, write_value
from evaluation.models import EnteredBy, IndicatorValue, IndicatorValueChange, ValueStatus

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db

PENDING = reverse("evaluation_pending")


@pytest.fixture
def pending(action, partner):
    indicator = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER, label="Ateliers")
    value, _ = write_value(
        indicator=indicator, year=2025, value=decimal.Decimal(8), user=partner, comment="Bilan"
    )
    return value


def test_pending_values_are_listed_with_their_action_structure_and_author(
    client, pending, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    page = client.get(PENDING)
    assert page.status_code == 200
    for text in ("Ateliers", "Fiche 1", "CCAS de Clamecy", "partenaire-ccas", "Bilan", "2025"):
        assert text in page.text
    assert f'name="version-{pending.pk}" value="1"' in page.text


def test_coordinator_validates_one_value(client, pending, coordinator):
    client.force_login(coordinator)
    response = client.post(PENDING, {"valider": pending.pk, f"version-{pending.pk}": "1"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == ValueStatus.VALIDATED and pending.validated_by == coordinator
    assert not mail.outbox


def test_refusal_emails_the_author_with_the_reason_and_a_link(
    client, pending, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PENDING,
            {
                "refuser": pending.pk,
                f"version-{pending.pk}": "1",
                f"comment-{pending.pk}": "Le chiffre de 2024 ?",
            },
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == ValueStatus.REJECTED
    change = IndicatorValueChange.objects.filter(action="rejected").get()
    assert change.comment == "Le chiffre de 2024 ?"
    (message,) = mail.outbox
    assert message.to == ["partenaire-ccas@exemple.invalid"]
    assert "Le chiffre de 2024 ?" in message.body
    grid = reverse("evaluation_entry_grid", args=[pending.indicator.action_id, 2025])
    assert grid in message.body


def test_a_value_changed_meanwhile_is_left_as_it_is(client, pending, coordinator, partner):
    client.force_login(coordinator)
    page_version = "1"
    write_value(
        indicator=pending.indicator,
        year=2025,
        value=decimal.Decimal(9),
        user=partner,
        expected_version=1,
    )
    response = client.post(
        PENDING, {"valider": pending.pk, f"version-{pending.pk}": page_version}, follow=True
    )
    assert "rien n&#x27;a été modifié" in response.text or "rien n'a été modifié" in response.text
    pending.refresh_from_db()
    assert pending.status == ValueStatus.PENDING and pending.value == 9


def test_validating_the_selection_validates_each_checked_value(
    client, action, partner, coordinator, pending
):
    second = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    unchecked = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    other, _ = write_value(indicator=second, year=2025, value=decimal.Decimal(2), user=partner)
    left, _ = write_value(indicator=unchecked, year=2025, value=decimal.Decimal(2), user=partner)
    client.force_login(coordinator)
    data = {"valider_selection": "1", "selection": [pending.pk, other.pk]}
    data |= {f"version-{value.pk}": "1" for value in (pending, other, left)}
    response = client.post(PENDING, data)
    assert response.status_code == 302
    statuses = dict(IndicatorValue.objects.values_list("pk", "status"))
    assert statuses == {pending.pk: "validated", other.pk: "validated", left.pk: "pending"}


def test_an_already_reviewed_value_is_not_reviewed_again(client, pending, coordinator):
    review_value(pending, coordinator, expected_version=1)
    client.force_login(coordinator)
    client.post(PENDING, {"refuser": pending.pk, f"version-{pending.pk}": "2"})
    pending.refresh_from_db()
    assert pending.status == ValueStatus.VALIDATED


def test_partner_cannot_list_or_review_pending_values(client, pending, partner):
    client.force_login(partner)
    response = client.get(PENDING)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    client.post(PENDING, {"valider": pending.pk, f"version-{pending.pk}": "1"})
    pending.refresh_from_db()
    assert pending.status == ValueStatus.PENDING


def test_pending_list_queries_do_not_grow_with_the_values(
    client, action, partner, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)

    def enter(n):
        for indicator in IndicatorFactory.create_batch(
            n, action=action, entered_by=EnteredBy.CARRIER
        ):
            write_value(indicator=indicator, year=2025, value=decimal.Decimal(1), user=partner)

    enter(3)
    client.get(PENDING)
    with django_assert_max_num_queries(40) as few:
        client.get(PENDING)
    enter(9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(PENDING)
    assert page.text.count('name="selection"') == 12
