"""The per-action grid: one year's values of all the indicators of an action, saved at once.

/admin/evaluation/saisie/ lists the actions the user may enter (the coordination: all of the
contract's; a partner: those its structure carries, with indicators given to it), and
/admin/evaluation/saisie/<action>/<year>/ is the grid. Only the indicators the user may enter
are rows; the grid is saved in one transaction: an invalid row or a value someone saved
meanwhile, and nothing is written. Quarter and event values have their own page per indicator.
"""

import re

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from ..entry import (
    StaleValue,
    delete_value,
    enterable_actions,
    enterable_indicators,
    format_number,
    may_validate,
    write_value,
)
from ..forms import GridRowForm, PeriodValueForm
from ..models import (
    ActionSheetPage,
    Frequency,
    IndicatorValue,
    IndicatorValueChange,
    ValueStatus,
    contract_of,
)
from .common import (
    STATUS_LABELS,
    EvaluationAdminView,
    axes_by_path,
    computed_figures,
    current_contract,
    grid_url,
    group_by_axis,
    range_label,
    value_change_of,
    year_from_query,
)

ROW_KEY = re.compile(r"^i(\d+)-")
FOREIGN_ROW = (
    "Cette saisie contient un indicateur que vous ne pouvez pas saisir ici : "
    "rien n'a été enregistré."
)
PARTNER_SAVED = (
    "Vos valeurs sont enregistrées. Elles sont « à valider » : la coordination les validera "
    "avant qu'elles comptent dans le rapport."
)


def actions_for(user):
    """The action sheets whose grid `user` may open."""
    if may_validate(user):
        return ActionSheetPage.objects.all()
    return enterable_actions(user)


def action_and_year(user, action_pk, year):
    """The action sheet and its contract, or 404 for an action or year that is not the user's."""
    action = get_object_or_404(actions_for(user), pk=action_pk)
    contract = contract_of(action)
    if contract is None or year not in contract.years:
        raise Http404("Année hors du contrat")
    return action, contract


class ActionListView(EvaluationAdminView):
    """The actions the user may enter, per axis, with how many indicators have a value."""

    template_name = "evaluation/admin/entry_actions.html"
    page_title = "Saisie des indicateurs"

    def get_context_data(self, **kwargs):
        user = self.request.user
        contract = current_contract()
        context = super().get_context_data(contract=contract, **kwargs)
        if contract is None:
            return context
        year = year_from_query(self.request, contract)
        actions = list(
            actions_for(user)
            .descendant_of(contract)
            .order_by("number")
            .only("pk", "path", "title", "number", "status", "start_year", "end_year")
        )
        filled = IndicatorValue.objects.filter(indicator=OuterRef("pk"), year=year).exclude(
            status=ValueStatus.REJECTED
        )
        counts = {
            row["action_id"]: row
            for row in enterable_indicators(user)
            .filter(action__in=[action.pk for action in actions])
            .annotate(has_value=Exists(filled))
            .order_by()
            .values("action_id")
            .annotate(total=Count("pk"), filled=Count("pk", filter=Q(has_value=True)))
        }
        for action in actions:
            row = counts.get(action.pk, {})
            action.indicator_total = row.get("total", 0)
            action.indicator_filled = row.get("filled", 0)
            action.grid_url = grid_url(action, year)
            action.in_year = action.start_year <= year <= action.end_year
        context.update(
            year=year,
            years=contract.years,
            groups=group_by_axis(actions, axes_by_path(contract)),
            is_coordination=may_validate(user),
        )
        return context


class GridRow:
    """One indicator of the grid: what it is, what is stored, and its form."""

    def __init__(self, indicator, year, current, form, computed, detail_count):
        self.indicator = indicator
        self.current = current
        self.form = form
        self.target = indicator.target_for(year)
        self.target_display = format_number(self.target)
        self.computed = computed
        self.computed_display = format_number(computed) if computed is not None else ""
        self.detail_count = detail_count
        self.range_label = range_label(indicator)
        self.status_label = STATUS_LABELS.get(current.status) if current else ""
        if current is not None:
            current.display = format_number(current.value)
        self.stale_message = ""
        self.detailed = indicator.frequency in (Frequency.QUARTERLY, Frequency.PER_EVENT)


class GridView(EvaluationAdminView):
    template_name = "evaluation/admin/entry_grid.html"

    def dispatch(self, request, action_pk, year):
        self.action, self.contract = action_and_year(request.user, action_pk, year)
        self.year = year
        self.indicators = list(
            enterable_indicators(request.user)
            .filter(action=self.action)
            .prefetch_related("targets")
            .order_by("sort_order", "pk")
        )
        return super().dispatch(request, action_pk, year)

    def get_page_title(self):
        return f"Fiche {self.action.number} : {self.action.title}"

    def get_page_subtitle(self):
        return str(self.year)

    @property
    def parent_crumbs(self):
        url = reverse("evaluation_entry_actions") + f"?annee={self.year}"
        return [(url, "Saisie des indicateurs")]

    def current_values(self):
        return {
            value.indicator_id: value
            for value in IndicatorValue.objects.filter(
                indicator__in=self.indicators, year=self.year
            )
            .whole_year()
            .select_related("entered_by", "validated_by")
        }

    def build_rows(self, data=None):
        currents = self.current_values()
        details = dict(
            IndicatorValue.objects.filter(indicator__in=self.indicators, year=self.year)
            .exclude(quarter=0, occasion="")
            .order_by()
            .values("indicator_id")
            .annotate(n=Count("pk"))
            .values_list("indicator_id", "n")
        )
        figures = computed_figures(self.year, self.indicators)
        may_delete = may_validate(self.request.user)
        rows = []
        for indicator in self.indicators:
            current = currents.get(indicator.pk)
            form = GridRowForm(
                data,
                indicator=indicator,
                year=self.year,
                current=current,
                contract=self.contract,
                may_delete=may_delete,
            )
            computed = figures.get(indicator.computed_metric) if indicator.computed_metric else None
            rows.append(
                GridRow(indicator, self.year, current, form, computed, details.get(indicator.pk, 0))
            )
        return rows

    def get_context_data(self, rows=None, errors=(), **kwargs):
        rows = rows if rows is not None else self.build_rows()
        return super().get_context_data(
            action=self.action,
            year=self.year,
            contract=self.contract,
            years=self.contract.years,
            rows=rows,
            errors=errors,
            has_computed=any(row.indicator.computed_metric for row in rows),
            may_delete=may_validate(self.request.user),
            is_coordination=may_validate(self.request.user),
            in_action_years=self.action.start_year <= self.year <= self.action.end_year,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        allowed = {indicator.pk for indicator in self.indicators}
        foreign = {
            int(match.group(1)) for key in request.POST if (match := ROW_KEY.match(key))
        } - allowed
        rows = self.build_rows(request.POST)
        if foreign:
            # A tampered form: a row for an indicator this grid does not hold. Nothing is saved.
            return self.render_to_response(
                self.get_context_data(rows=rows, errors=[("", FOREIGN_ROW)])
            )
        invalid = [row for row in rows if not row.form.is_valid()]
        if invalid:
            return self.render_to_response(
                self.get_context_data(rows=rows, errors=self.error_summary(invalid))
            )
        stale, kept, written = self.save(rows)
        if stale:
            return self.render_stale(stale)
        for row in kept:
            messages.warning(
                request,
                f"« {row.indicator.label} » : une valeur enregistrée ne s'efface pas en vidant "
                "la case ; elle est conservée."
                + (" Cochez « supprimer » pour la retirer." if may_validate(request.user) else ""),
            )
        if not written:
            messages.info(request, "Aucune valeur n'a changé.")
        elif may_validate(request.user):
            messages.success(request, f"Valeurs de {self.year} enregistrées.")
        else:
            messages.success(request, PARTNER_SAVED)
        return redirect(request.path)

    def save(self, rows):
        """Writes the touched rows in one transaction.

        Returns ({pk: StaleValue}, rows emptied but kept, how many values were written). One
        stale row and the whole transaction is rolled back.
        """
        user = self.request.user
        stale, kept, written = {}, [], 0
        with transaction.atomic():
            for row in rows:
                form = row.form
                if not form.touched:
                    continue
                data = form.cleaned_data
                version = data.get("version")
                try:
                    if data.get("delete"):
                        if row.current is not None:
                            delete_value(row.current, user, expected_version=version)
                            written += 1
                        continue
                    if data["value"] is None:
                        if row.current is not None and "value" in form.changed_data:
                            kept.append(row)
                        continue
                    _, changed = write_value(
                        indicator=row.indicator,
                        year=self.year,
                        value=data["value"],
                        user=user,
                        expected_version=version,
                        comment=data["comment"],
                        source=data["source"],
                    )
                    written += changed
                except StaleValue as refused:
                    stale[row.indicator.pk] = refused
            if stale:
                transaction.set_rollback(True)
        return stale, kept, written

    def render_stale(self, stale):
        """The grid again, nothing saved: stale rows show what is stored now and carry its
        version, so that saving again (after checking) works."""
        data = self.request.POST.copy()
        for pk, refused in stale.items():
            current = refused.current
            data[f"i{pk}-version"] = str(current.version) if current is not None else ""
        rows = self.build_rows(data)
        errors = []
        for row in rows:
            row.form.is_valid()
            if (refused := stale.get(row.indicator.pk)) is not None:
                row.stale_message = refused.message
                errors.append(
                    (row.form["value"].id_for_label, f"{row.indicator.label} : {refused.message}")
                )
        return self.render_to_response(self.get_context_data(rows=rows, errors=errors))

    @staticmethod
    def error_summary(rows):
        errors = []
        for row in rows:
            for name, messages_ in row.form.errors.items():
                anchor = row.form["value" if name == "__all__" else name].id_for_label
                for message in messages_:
                    errors.append((anchor, f"{row.indicator.label} : {message}"))
        return errors


# Quarters and events ---------------------------------------------------------------------------


class PeriodsView(EvaluationAdminView):
    """One indicator's quarter and event values for a year: the list, a form to add or edit."""

    template_name = "evaluation/admin/entry_periods.html"

    def dispatch(self, request, action_pk, year, indicator_pk):
        self.action, self.contract = action_and_year(request.user, action_pk, year)
        self.year = year
        self.indicator = get_object_or_404(
            enterable_indicators(request.user).filter(action=self.action), pk=indicator_pk
        )
        return super().dispatch(request, action_pk, year, indicator_pk)

    def get_page_title(self):
        return self.indicator.label

    def get_page_subtitle(self):
        return f"détail {self.year}"

    @property
    def parent_crumbs(self):
        return [
            (reverse("evaluation_entry_actions") + f"?annee={self.year}", "Saisie des indicateurs"),
            (grid_url(self.action, self.year), f"Fiche {self.action.number} ({self.year})"),
        ]

    def period_values(self):
        return list(
            IndicatorValue.objects.filter(indicator=self.indicator, year=self.year)
            .exclude(quarter=0, occasion="")
            .select_related("entered_by")
            .order_by("quarter", "occasion")
        )

    def edited(self, values, pk):
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            return None
        return next((value for value in values if value.pk == pk), None)

    def form_for(self, instance=None, data=None):
        return PeriodValueForm(
            data,
            indicator=self.indicator,
            year=self.year,
            contract=self.contract,
            instance=instance,
        )

    def get_context_data(self, values=None, form=None, **kwargs):
        values = values if values is not None else self.period_values()
        if form is None:
            form = self.form_for(self.edited(values, self.request.GET.get("valeur")))
        for value in values:
            value.status_label = STATUS_LABELS.get(value.status, "")
            value.display = format_number(value.value)
        total = sum(value.value for value in values if value.status != ValueStatus.REJECTED)
        return super().get_context_data(
            action=self.action,
            indicator=self.indicator,
            year=self.year,
            values=values,
            form=form,
            editing=form.instance,
            total=total if values else None,
            total_display=format_number(total),
            range_label=range_label(self.indicator),
            may_delete=may_validate(self.request.user),
            grid_url=grid_url(self.action, self.year),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        values = self.period_values()
        if "supprimer" in request.POST:
            return self.delete(values)
        instance = None
        if request.POST.get("valeur"):
            instance = self.edited(values, request.POST["valeur"])
            if instance is None:
                messages.error(request, "Cette valeur n'existe plus : rien n'a été enregistré.")
                return redirect(request.path)
        form = self.form_for(instance, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(values=values, form=form))
        data = form.cleaned_data
        quarter = instance.quarter if instance else data["quarter"]
        occasion = instance.occasion if instance else data["occasion"]
        if instance is None and any(
            value.quarter == quarter and value.occasion == occasion for value in values
        ):
            form.add_error(None, "Une valeur existe déjà pour cette période : modifiez-la.")
            return self.render_to_response(self.get_context_data(values=values, form=form))
        try:
            write_value(
                indicator=self.indicator,
                year=self.year,
                quarter=quarter,
                occasion=occasion,
                value=data["value"],
                user=request.user,
                expected_version=data["version"] if instance else None,
                comment=data["comment"],
                source=data["source"],
            )
        except StaleValue as refused:
            return self.render_stale(form, instance, refused)
        messages.success(
            request, "Valeur enregistrée." if may_validate(request.user) else PARTNER_SAVED
        )
        return redirect(request.path)

    def render_stale(self, form, instance, refused):
        values = self.period_values()
        if instance is None:
            message = "Une valeur existe déjà pour cette période : modifiez-la."
        else:
            message = refused.message
            data = self.request.POST.copy()
            current = refused.current
            data["version"] = str(current.version) if current is not None else ""
            form = self.form_for(self.edited(values, instance.pk) or instance, data)
            form.is_valid()
        form.add_error(None, message)
        return self.render_to_response(self.get_context_data(values=values, form=form))

    def delete(self, values):
        request = self.request
        if not may_validate(request.user):
            raise Http404
        value = self.edited(values, request.POST.get("supprimer"))
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        if value is None:
            messages.error(request, "Cette valeur n'existe plus.")
            return redirect(request.path)
        try:
            delete_value(value, request.user, expected_version=version)
        except StaleValue as refused:
            messages.error(request, refused.message)
            return redirect(request.path)
        messages.success(request, f"Valeur « {value.period_label} » supprimée.")
        return redirect(request.path)


# One indicator's history -------------------------------------------------------------------------


class IndicatorHistoryView(EvaluationAdminView):
    """Every change to an indicator's values, for those who may enter it."""

    template_name = "evaluation/admin/entry_history.html"
    page_title = "Historique"

    def dispatch(self, request, indicator_pk):
        indicators = enterable_indicators(request.user)
        self.indicator = get_object_or_404(indicators, pk=indicator_pk)
        return super().dispatch(request, indicator_pk)

    def get_page_subtitle(self):
        return self.indicator.label

    @property
    def parent_crumbs(self):
        return [(reverse("evaluation_entry_actions"), "Saisie des indicateurs")]

    def get_context_data(self, **kwargs):
        changes = list(
            IndicatorValueChange.objects.filter(indicator=self.indicator)
            .select_related("user")
            .order_by("-at", "-pk")[:500]
        )
        for change in changes:
            change.old_status_label = STATUS_LABELS.get(change.old_status, "")
            change.new_status_label = STATUS_LABELS.get(change.new_status, "")
            change.display = value_change_of(change)
        contract = contract_of(self.indicator.action)
        return super().get_context_data(
            indicator=self.indicator,
            action=self.indicator.action,
            changes=changes,
            grid_years=contract.years if contract else [],
            **kwargs,
        )
