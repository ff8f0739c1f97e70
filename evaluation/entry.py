"""Who may enter which indicator, and the one way values are written, validated and kept.

Every write goes through `write_value` or `review_value`:
- the write happens only if the value is still at the version the form was built from
  (optimistic locking: an UPDATE … WHERE version = n), so of two people saving at once the second
  is told, with the value now stored, instead of overwriting it;
- each change adds an IndicatorValueChange row (old and new value, who, when);
- a partner's value is "à valider" until the coordination validates it.
Callers that write several values (the per-action grid) wrap them in one transaction: one stale
value and nothing is saved.
"""

import decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from partners.accounts import spaces_of

from .models import (
    ActionSheetPage,
    EnteredBy,
    Indicator,
    IndicatorValue,
    IndicatorValueChange,
    ValueStatus,
    contract_of,
)

VALIDATE_PERMISSION = "evaluation.validate_indicatorvalue"


class StaleValue(Exception):
    """The value changed (or appeared, or vanished) since the form was built."""

    def __init__(self, current):
        self.current = current  # the IndicatorValue now stored, or None
        super().__init__("stale indicator value")

    @property
    def message(self):
        current = self.current
        if current is None:
            return "Cette valeur a été supprimée entre-temps. Vérifiez puis enregistrez à nouveau."
        who = "Quelqu'un"
        if current.entered_by_id:
            who = current.entered_by.get_full_name() or current.entered_by.get_username()
        at = timezone.localtime(current.entered_at)
        return (
            f"{who} a enregistré {format_number(current.value)} le {at:%d/%m/%Y à %H:%M}, "
            "pendant que vous saisissiez. Vérifiez cette valeur puis enregistrez à nouveau."
        )


def format_number(value):
    """A Decimal as French readers write it: 1 234,5."""
    if value is None:
        return "–"
    value = decimal.Decimal(value)
    text = f"{value.normalize():,f}" if value != value.to_integral_value() else f"{int(value):,}"
    return text.replace(",", "\u202f").replace(".", ",")


# Who may do what ------------------------------------------------------------------------------


def may_validate(user):
    """The coordination: its entries are validated at once, and it validates the partners'."""
    return user.is_active and user.has_perm(VALIDATE_PERMISSION)


def structures_of(user):
    """The pks of the structures whose partner spaces `user` belongs to."""
    return list(spaces_of(user).values_list("structure_id", flat=True))


def enterable_indicators(user):
    """The indicators `user` may enter values for.

    The coordination enters them all; a partner only those its structure's actions carry and
    that the action sheet gives to the carrying structure.
    """
    indicators = Indicator.objects.select_related("action")
    if may_validate(user):
        return indicators
    structures = structures_of(user)
    if not structures:
        return indicators.none()
    return indicators.filter(
        entered_by=EnteredBy.CARRIER, action__carrying_structure__in=structures
    )


def enterable_actions(user):
    """The action sheets with at least one indicator `user` may enter."""
    return ActionSheetPage.objects.filter(
        pk__in=enterable_indicators(user).values("action_id")
    ).order_by("number")


def can_enter(user, indicator):
    return enterable_indicators(user).filter(pk=indicator.pk).exists()


# Checks ---------------------------------------------------------------------------------------


def period_errors(indicator, year, quarter=0, contract=None):
    """{field: message} for a period outside the contract (or the action's years)."""
    contract = contract or contract_of(indicator.action)
    if contract is not None and year not in contract.years:
        return {"year": f"Choisissez une année du contrat ({contract.period_label})."}
    if not 0 <= (quarter or 0) <= 4:
        return {"quarter": "Un trimestre va de 1 à 4."}
    return {}


def value_errors(indicator, year, value, quarter=0, contract=None):
    errors = period_errors(indicator, year, quarter, contract)
    if (message := indicator.value_error(value)) is not None:
        errors["value"] = message
    return errors


# Writes ---------------------------------------------------------------------------------------


def _record(value, action, user, old_value=None, old_status="", comment=None):
    IndicatorValueChange.objects.create(
        value=value,
        indicator_id=value.indicator_id,
        year=value.year,
        quarter=value.quarter,
        occasion=value.occasion,
        action=action,
        old_value=old_value,
        new_value=value.value,
        old_status=old_status,
        new_status=value.status,
        comment=value.comment if comment is None else comment,
        source=value.source,
        user=user,
    )


def _current(indicator, year, quarter, occasion):
    return (
        IndicatorValue.objects.select_related("entered_by")
        .filter(indicator=indicator, year=year, quarter=quarter, occasion=occasion)
        .first()
    )


@transaction.atomic
def write_value(
    *,
    indicator,
    year,
    value,
    user,
    expected_version=None,
    quarter=0,
    occasion="",
    comment="",
    source="",
):
    """Create or change the value of `indicator` for a period, as `user`.

    `expected_version` is the version the form showed (None: the form showed no value).
    Returns (IndicatorValue, changed). Raises StaleValue if someone saved in between.
    The caller has checked `can_enter` and `value_errors`.
    """
    status = ValueStatus.VALIDATED if may_validate(user) else ValueStatus.PENDING
    now = timezone.now()
    validated = {
        "validated_by": user if status == ValueStatus.VALIDATED else None,
        "validated_at": now if status == ValueStatus.VALIDATED else None,
    }
    existing = _current(indicator, year, quarter, occasion)
    if existing is None:
        if expected_version is not None:
            raise StaleValue(None)
        try:
            with transaction.atomic():
                created = IndicatorValue.objects.create(
                    indicator=indicator,
                    year=year,
                    quarter=quarter,
                    occasion=occasion,
                    value=value,
                    comment=comment,
                    source=source,
                    status=status,
                    entered_by=user,
                    entered_at=now,
                    **validated,
                )
        except IntegrityError:
            # Someone created it between our read and our insert.
            raise StaleValue(_current(indicator, year, quarter, occasion)) from None
        _record(created, IndicatorValueChange.Action.CREATED, user)
        return created, True

    if expected_version != existing.version:
        raise StaleValue(existing)
    unchanged = (
        existing.value == value and existing.comment == comment and existing.source == source
    )
    if unchanged:
        return existing, False
    updated = IndicatorValue.objects.filter(pk=existing.pk, version=expected_version).update(
        value=value,
        comment=comment,
        source=source,
        status=status,
        entered_by=user,
        entered_at=now,
        version=F("version") + 1,
        **validated,
    )
    if not updated:
        raise StaleValue(_current(indicator, year, quarter, occasion))
    old_value, old_status = existing.value, existing.status
    existing.refresh_from_db()
    _record(existing, IndicatorValueChange.Action.CHANGED, user, old_value, old_status)
    return existing, True


@transaction.atomic
def review_value(value, user, *, expected_version, accept=True, comment=""):
    """Validate (or refuse) a partner's value, as the coordination. Raises StaleValue."""
    status = ValueStatus.VALIDATED if accept else ValueStatus.REJECTED
    updated = IndicatorValue.objects.filter(pk=value.pk, version=expected_version).update(
        status=status,
        validated_by=user,
        validated_at=timezone.now(),
        version=F("version") + 1,
    )
    if not updated:
        raise StaleValue(
            IndicatorValue.objects.select_related("entered_by").filter(pk=value.pk).first()
        )
    old_status = value.status
    value.refresh_from_db()
    action = (
        IndicatorValueChange.Action.VALIDATED if accept else IndicatorValueChange.Action.REJECTED
    )
    _record(value, action, user, value.value, old_status, comment=comment)
    return value


@transaction.atomic
def delete_value(value, user, *, expected_version):
    """Delete a value, keeping its history (and a "deleted" entry). Raises StaleValue."""
    current = IndicatorValue.objects.select_for_update().filter(pk=value.pk).first()
    if current is None or current.version != expected_version:
        raise StaleValue(current)
    IndicatorValueChange.objects.create(
        value=None,
        indicator_id=current.indicator_id,
        year=current.year,
        quarter=current.quarter,
        occasion=current.occasion,
        action=IndicatorValueChange.Action.DELETED,
        old_value=current.value,
        old_status=current.status,
        user=user,
    )
    IndicatorValueChange.objects.filter(value=current).update(value=None)
    current.delete()
