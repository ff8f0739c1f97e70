"""What is missing for a year ("Manquants"): per axis and action, the indicators with no value
(validated or waiting for validation) for that year, and who must enter each."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef

from ..entry import may_validate
from ..models import (
    ActionSheetPage,
    ActionStatus,
    EnteredBy,
    Indicator,
    IndicatorValue,
    ValueStatus,
)
from .common import (
    EvaluationAdminView,
    axes_by_path,
    current_contract,
    grid_url,
    group_by_axis,
    year_from_query,
)


class MissingView(EvaluationAdminView):
    template_name = "evaluation/admin/missing.html"
    page_title = "Indicateurs manquants"

    def dispatch(self, request, *args, **kwargs):
        if not may_validate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        contract = current_contract()
        context = super().get_context_data(contract=contract, **kwargs)
        if contract is None:
            return context
        year = year_from_query(self.request, contract)
        actions = (
            ActionSheetPage.objects.descendant_of(contract)
            .filter(start_year__lte=year, end_year__gte=year)
            .exclude(status=ActionStatus.ABANDONED)
        )
        entered = IndicatorValue.objects.filter(
            indicator=OuterRef("pk"),
            year=year,
            status__in=[ValueStatus.VALIDATED, ValueStatus.PENDING],
        )
        expected = Indicator.objects.filter(action__in=actions).annotate(has_value=Exists(entered))
        indicators = list(
            expected.select_related("action", "action__carrying_structure").order_by(
                "action__number", "sort_order", "pk"
            )
        )
        missing = [indicator for indicator in indicators if not indicator.has_value]
        by_action = {}
        for indicator in missing:
            action = indicator.action
            if action.pk not in by_action:
                action.missing = []
                action.grid_url = grid_url(action, year)
                by_action[action.pk] = action
            if indicator.entered_by == EnteredBy.CARRIER:
                indicator.who = action.carrier_label or "La structure porteuse (non renseignée)"
            else:
                indicator.who = "La coordination"
            by_action[action.pk].missing.append(indicator)
        coordination = sum(1 for i in missing if i.entered_by == EnteredBy.COORDINATION)
        context.update(
            year=year,
            years=contract.years,
            groups=group_by_axis(list(by_action.values()), axes_by_path(contract)),
            expected_count=len(indicators),
            missing_count=len(missing),
            missing_coordination=coordination,
            missing_structures=len(missing) - coordination,
            actions_count=len(by_action),
        )
        return context
