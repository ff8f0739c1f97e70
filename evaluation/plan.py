"""What the action plan's pages (contract, axis, action sheet) show, in constant queries."""


def contract_context(page, request):
    return {}


def axis_context(page, request):
    return {}


def action_sheet_context(page, request):
    return {}
