"""Open data downloads of the directory: thin views over partners/exports.py."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from partners import exports


@require_safe
def csv_view(request, page):
    """/structures/export/csv/: live public structures, UTF-8 with BOM, ";" separated."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="structures.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    exports.write_csv(response, exports.exported_structures(page))
    return response


@require_safe
def data_inclusion_view(request, page):
    """/structures/export/data-inclusion/: structures and services with data·inclusion names."""
    payload = exports.data_inclusion(page, page.get_full_url(request))
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
