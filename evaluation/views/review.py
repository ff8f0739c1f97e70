"""The coordination's review of the values partners entered ("À valider").

Each decision goes through entry.review_value with the version the list showed: a value changed
or already reviewed meanwhile is left as it is, and the coordinator is told. A refusal e-mails
the person who entered the value, with the reason and a link back to the grid.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect

from ..entry import StaleValue, format_number, may_validate, review_value
from ..models import IndicatorValue
from .common import EvaluationAdminView, grid_url, who_label


def pending_values():
    return (
        IndicatorValue.objects.pending()
        .select_related("indicator__action__carrying_structure", "entered_by")
        .order_by("indicator__action__number", "indicator__sort_order", "indicator_id", "year")
    )


def refusal_mail(request, value, comment):
    """Tells the person who entered `value` that it was refused (after the commit)."""
    user = value.entered_by
    if user is None or not user.email:
        return
    indicator = value.indicator
    link = request.build_absolute_uri(grid_url(indicator.action, value.year))
    lines = [
        "Bonjour,",
        "",
        f"La coordination n'a pas validé la valeur saisie pour l'indicateur « {indicator.label} »"
        f" (fiche {indicator.action.number} : {indicator.action.title}, {value.period_label}).",
        "",
        f"Motif : {comment}" if comment else "Aucun motif n'a été précisé.",
        "",
        f"Vous pouvez la corriger ici : {link}",
    ]
    subject = f"Valeur à revoir : {indicator.label} ({value.period_label})"
    recipient = user.email
    transaction.on_commit(lambda: send_mail(subject, "\n".join(lines), None, [recipient]))


class PendingView(EvaluationAdminView):
    template_name = "evaluation/admin/pending.html"
    page_title = "À valider"

    def dispatch(self, request, *args, **kwargs):
        if not may_validate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        values = list(pending_values())
        for value in values:
            value.entered_by_label = who_label(value.entered_by)
            value.display = format_number(value.value)
            value.grid_url = grid_url(value.indicator.action, value.year)
        return super().get_context_data(values=values, **kwargs)

    def post(self, request, *args, **kwargs):
        post = request.POST
        if "valider" in post:
            decisions = [(post["valider"], True)]
        elif "refuser" in post:
            decisions = [(post["refuser"], False)]
        else:
            decisions = [(pk, True) for pk in post.getlist("selection")]
            if not decisions:
                messages.warning(request, "Cochez au moins une valeur à valider.")
                return redirect(request.path)
        pks = {}
        for raw, accept in decisions:
            try:
                pks[int(raw)] = accept
            except ValueError:
                continue
        values = {
            value.pk: value
            for value in IndicatorValue.objects.pending()
            .filter(pk__in=pks)
            .select_related("indicator__action", "entered_by")
        }
        accepted = refused = 0
        for pk, accept in pks.items():
            value = values.get(pk)
            try:
                version = int(post.get(f"version-{pk}", ""))
            except ValueError:
                version = None
            if value is None:
                messages.warning(request, "Une des valeurs a été supprimée ou traitée entre-temps.")
                continue
            comment = post.get(f"comment-{pk}", "").strip()[:2000] if not accept else ""
            try:
                with transaction.atomic():
                    review_value(
                        value,
                        request.user,
                        expected_version=version,
                        accept=accept,
                        comment=comment,
                    )
                    if not accept:
                        refusal_mail(request, value, comment)
            except StaleValue:
                messages.warning(
                    request,
                    f"« {value.indicator.label} » ({value.period_label}) a changé ou a déjà été "
                    "traitée entre-temps : rien n'a été modifié pour cette valeur.",
                )
                continue
            if accept:
                accepted += 1
            else:
                refused += 1
        if accepted:
            messages.success(
                request,
                f"{accepted} valeur{'s' if accepted > 1 else ''} validée"
                f"{'s' if accepted > 1 else ''}.",
            )
        if refused:
            messages.success(request, "Valeur refusée ; la personne qui l'a saisie est prévenue.")
        return redirect(request.path)
