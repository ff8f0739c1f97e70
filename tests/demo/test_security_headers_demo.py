"""The Content-Security-Policy holds on the demo territory: one page of every public page type
(and the views routed under them), anonymous or as an editor with Wagtail's userbar, carries
no inline script, style or event handler, and is served with a policy that needs none."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import get_page_models

# Scripts of these types are data for other programs (search engines), never run by the
# browser, so the policy does not apply to them.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
PROJECT_APPS = {"home", "partners", "events", "evaluation", "search"}
# Routed views under the pages, as visitors reach them.
SUBPAGES = {
    "StructureIndexPage": ["map", "booklet", "join"],
    "AgendaPage": ["month", "archive"],
}
OTHER_PATHS = ["/recherche/?q=santé", "/page-inexistante/"]


def inline_code(html):
    """Every piece of inline script or style a Content-Security-Policy without
    'unsafe-inline' would block, with where it stands."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for element in soup.find_all(True):
        executable = element.get("type") not in DATA_SCRIPT_TYPES
        if element.name == "script" and not element.get("src") and executable:
            found.append(f"<script> {element.string or ''}"[:120])
        if element.name == "style":
            found.append(f"<style> {element.string or ''}"[:120])
        for name, value in element.attrs.items():
            if name == "style" or name.startswith("on"):
                found.append(f"<{element.name} {name}={value!r}>"[:120])
            if name in ("href", "src", "action", "formaction") and str(
                value
            ).strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {name}={value!r}>"[:120])
    return found


def assert_strict_policy(response):
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert directives["style-src"].startswith("'self'")
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def public_page_paths():
    """One live page of each of the project's page types, and its routed views."""
    paths = {}
    for model in get_page_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        page = model.objects.live().order_by("path").first()
        assert page is not None, f"the demo has no {model.__name__}"
        paths[model.__name__] = page.url
        for route in SUBPAGES.get(model.__name__, []):
            paths[f"{model.__name__}:{route}"] = page.url + page.reverse_subpage(route)
    return paths


def test_the_demo_has_every_page_type(demo_territory, db):
    paths = public_page_paths()

    assert {"HomePage", "EventPage", "AnnualReportPage", "WallPage"} <= set(paths)


def test_no_page_type_carries_inline_code_anonymously(client, demo_territory, db):
    pages = public_page_paths()
    # The wall is for partners only: an anonymous visitor is sent to the login form.
    pages["WallPage"] = reverse("wagtailcore_login") + "?next=" + pages["WallPage"]

    problems = {}
    for name, path in [*pages.items(), *((path, path) for path in OTHER_PATHS)]:
        response = client.get(path)
        assert response.status_code == (404 if "inexistante" in path else 200), path
        assert_strict_policy(response)
        if found := inline_code(response.content.decode()):
            problems[name] = found

    assert not problems


def test_no_page_type_carries_inline_code_for_an_editor(client, demo_territory, db):
    client.force_login(get_user_model().objects.get(username="coordination"))

    problems = {}
    for name, path in public_page_paths().items():
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "<wagtail-userbar" in html  # Wagtail's userbar, with its own static files
        assert_strict_policy(response)
        if found := inline_code(html):
            problems[name] = found

    assert not problems


@pytest.mark.parametrize(
    "html, found",
    [
        ('<script>alert(1)</script><script src="/static/x.js"></script>', 1),
        ('<script type="application/ld+json">{"@type": "Event"}</script>', 0),
        ("<style>p { color: red }</style>", 1),
        ('<p style="color: red">', 1),
        ('<button onclick="go()">', 1),
        ('<a href="javascript:go()">', 1),
        ('<template><div style="width: 1px"></div></template>', 1),
    ],
)
def test_inline_code_is_recognised(html, found):
    assert len(inline_code(html)) == found
