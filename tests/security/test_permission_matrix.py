"""The permission matrix: who may do what to which object, from one table, over real HTTP.

Each row of TABLE names an action (matrix.ACTIONS: a GET of a screen or a POST that changes
something), an object of the world (matrix.build_world) and the outcome for each role, in the
order of ROLES:

    anonymous     nobody logged in
    visitor       a logged-in account outside the network (no group)
    partner_a     member of structure A (CCAS de Clamecy) only
    partner_b     member of structure B (CPTS du Morvan), whose profile change awaits approval
    communication the communication officer
    coordination  the coordinator
    superuser     the technical administrator

Outcomes:
    ok      the screen opens (200) / the POST is applied (published, saved, deleted…)
    mod     the POST is accepted but held for moderation: a draft in the workflow, the live
            version untouched (pages), a card or a value waiting for the coordination
    no      refused: 403, 404, or a redirect to the dashboard or to a login page; nothing changed
    login   refused by a redirect to a login page; nothing changed
    ignored the request goes through but what it aimed at is left alone (an image posted into
            another structure's collection lands in the partner's own collection)
    locked  the editor answers that the page is locked (Wagtail locks a page awaiting approval
            for those who cannot approve it): nothing is saved

A refused response never shows the world's secrets (drafts, pending changes, private titles),
and no screen a role opens shows a secret that role does not own. Every case runs in a
savepoint of the one world built for the module.
"""

import re

import pytest
from wagtail.models import Page

from tests.conftest import rolled_back_after_module

from . import matrix
from .matrix import ACTIONS, ROLES, build_world, refusal, resolve

OK, MOD, NO, LOGIN, IGNORED, LOCKED = "ok", "mod", "no", "login", "ignored", "locked"

# fmt: off
TABLE = [
    # action            object                 anonym. visitor part_a  part_b  comm.   coord.  super
    # The public site.
    ("view",            "structure_a",         OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("view",            "structure_b",         OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("view",            "event_a",             OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("view",            "draft_b",             NO,     NO,     NO,     NO,     NO,     NO,     NO),
    ("view",            "campaign",            OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("view",            "campaign_draft",      NO,     NO,     NO,     NO,     NO,     NO,     NO),
    ("view",            "news",                OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("view",            "call",                OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("view",            "report",              OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("view",            "report_draft",        NO,     NO,     NO,     NO,     NO,     NO,     NO),
    ("view",            "wall",                LOGIN,  NO,     OK,     OK,     OK,     OK,     OK),
    ("kit_item",        "campaign",            OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("kit_item",        "campaign_draft",      NO,     NO,     NO,     NO,     NO,     NO,     NO),
    ("report_csv",      "report",              OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("report_csv",      "report_draft",        NO,     NO,     NO,     NO,     NO,     NO,     NO),
    ("get",             "path:/recherche/?q=CPTS",
                                               OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("get",             "path:/api/v2/pages/?type=partners.StructurePage",
                                               OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("get",             "path:/api/v2/pages/?type=events.EventPage",
                                               OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("get",             "path:/structures/export/csv/",
                                               OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("get",             "path:/structures/carte/donnees/",
                                               OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("get",             "path:/sitemap.xml",   OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("get",             "path:/actualites/rss/",
                                               OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("download",        "document_a",          OK,     OK,     OK,     OK,     OK,     OK,     OK),
    ("download",        "document_private",    LOGIN,  NO,     NO,     NO,     NO,     OK,     OK),
    # Drafts and pending changes, in the admin.
    ("view_draft",      "draft_b",             LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("view_draft",      "structure_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("view_draft",      "campaign_draft",      LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("view_draft",      "report_draft",        LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("preview",         "draft_b",             LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("preview",         "structure_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("preview",         "campaign_draft",      LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("preview",         "report_draft",        LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("history",         "structure_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("explore",         "structure_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("explore_results", "structure_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("explore",         "directory",           LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("get",             "path:/admin/pages/search/?q=CPTS",
                                               LOGIN,  LOGIN,  OK,     OK,     OK,     OK,     OK),
    ("explore",         "agenda",              LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    # Page editors: the form, then a POST asking to publish.
    ("edit_form",       "home",                LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("edit_form",       "structure_a",         LOGIN,  LOGIN,  OK,     NO,     NO,     OK,     OK),
    ("edit_form",       "structure_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("edit_form",       "event_b",             LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("edit_form",       "draft_b",             LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("edit_form",       "agenda_event",        LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit_form",       "campaign",            LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit_form",       "campaign_draft",      LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit_form",       "news",                LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit_form",       "call",                LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("edit_form",       "sheet_a",             LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("edit_form",       "report_draft",        LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("edit_form",       "wall",                LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("edit",            "structure_a",         LOGIN,  LOGIN,  MOD,    NO,     NO,     OK,     OK),
    ("edit",            "structure_b",         LOGIN,  LOGIN,  NO,     LOCKED, NO,     OK,     OK),
    ("edit",            "event_a",             LOGIN,  LOGIN,  MOD,    NO,     NO,     OK,     OK),
    ("edit",            "event_b",             LOGIN,  LOGIN,  NO,     MOD,    NO,     OK,     OK),
    ("edit",            "draft_b",             LOGIN,  LOGIN,  NO,     MOD,    NO,     OK,     OK),
    ("edit",            "agenda_event",        LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit",            "campaign",            LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit",            "campaign_draft",      LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit",            "news",                LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("edit",            "call",                LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    # Adding a page: the form, then a POST asking to publish.
    ("add_form",        "directory",           LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("add_form",        "structure_a",         LOGIN,  LOGIN,  OK,     NO,     NO,     OK,     OK),
    ("add_form",        "structure_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("add_form",        "agenda",              LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("add_form",        "campaign_index",      LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("add_form",        "news_index",          LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("add_form",        "calls_index",         LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("add_form",        "contract",            LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("add",             "directory",           LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("add",             "structure_a",         LOGIN,  LOGIN,  MOD,    NO,     NO,     OK,     OK),
    ("add",             "structure_b",         LOGIN,  LOGIN,  NO,     MOD,    NO,     OK,     OK),
    ("add",             "agenda",              LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("add",             "campaign_index",      LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("add",             "news_index",          LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("add",             "calls_index",         LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    # Deleting, unpublishing, privacy, approving.
    ("delete",          "event_a",             LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("delete",          "draft_b",             LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("delete",          "agenda_event",        LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("delete",          "campaign",            LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("delete",          "news",                LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("delete",          "call",                LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("unpublish",       "structure_a",         LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("unpublish",       "event_a",             LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("unpublish",       "campaign",            LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("unpublish",       "news",                LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("unpublish",       "call",                LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("lock",            "structure_a",         LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("lock",            "news",                LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("set_privacy",     "structure_a",         LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("set_privacy",     "news",                LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("approve",         "structure_b",         LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    # Images and documents.
    ("media_edit_form", "image_a",             LOGIN,  LOGIN,  OK,     NO,     OK,     OK,     OK),
    ("media_edit_form", "image_b",             LOGIN,  LOGIN,  NO,     OK,     OK,     OK,     OK),
    ("media_edit_form", "document_b",          LOGIN,  LOGIN,  NO,     OK,     OK,     OK,     OK),
    ("media_edit_form", "document_private",    LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("media_delete",    "image_a",             LOGIN,  LOGIN,  OK,     NO,     OK,     OK,     OK),
    ("media_delete",    "document_b",          LOGIN,  LOGIN,  NO,     OK,     OK,     OK,     OK),
    ("upload_image",    "collection_a",        LOGIN,  LOGIN,  OK,     IGNORED,OK,     OK,     OK),
    ("upload_image",    "collection_b",        LOGIN,  LOGIN,  IGNORED,OK,     OK,     OK,     OK),
    # Admin listings (URL names) and the snippets' and viewsets' edit screens.
    ("admin_list",      "url:wagtailadmin_home",
                                               LOGIN,  LOGIN,  OK,     OK,     OK,     OK,     OK),
    ("admin_list",      "url:wall_cards:index",
                                               LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_list",      "url:relay_requests:index",
                                               LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_list",      "url:wagtailsnippets_home_theme:list",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_list",      "url:wagtailsnippets_events_nationalcampaign:list",
                                               LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_list",      "url:occurrences:index",
                                               LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_list",      "url:kit_downloads:index",
                                               LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_list",      "url:evaluation_indicators:list",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_list",      "url:evaluation_pending",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_list",      "url:evaluation_value_history:index",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_list",      "url:partner_requests:index",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_list",      "url:partner_spaces:index",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_list",      "url:wagtailusers_users:index",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_list",      "url:wagtailadmin_workflows:index",
                                               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_edit_form", "card_pending_b",      LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_edit_form", "relay_a",             LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_edit_form", "theme",               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_edit_form", "national_campaign",   LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_edit_form", "indicator_a",         LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_edit",      "card_pending_b",      LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_edit",      "relay_a",             LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_edit",      "theme",               LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("admin_edit",      "national_campaign",   LOGIN,  LOGIN,  NO,     NO,     OK,     OK,     OK),
    ("admin_delete",    "national_campaign",   LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    # The partners' wall (pre-moderation, the default) and relay requests.
    ("wall_screen",     "route:cards",         LOGIN,  NO,     OK,     OK,     OK,     OK,     OK),
    ("wall_screen",     "route:my_cards",      LOGIN,  NO,     OK,     OK,     OK,     OK,     OK),
    ("wall_screen",     "route:my_relay_requests",
                                               LOGIN,  NO,     OK,     OK,     OK,     OK,     OK),
    ("wall_post",       "wall",                LOGIN,  NO,     MOD,    MOD,    MOD,    OK,     OK),
    ("card_edit_form",  "card_a",              LOGIN,  NO,     OK,     NO,     NO,     NO,     NO),
    ("card_edit",       "card_a",              LOGIN,  NO,     MOD,    NO,     NO,     NO,     NO),
    ("card_withdraw",   "card_a",              LOGIN,  NO,     OK,     NO,     NO,     NO,     NO),
    ("card_image",      "card_pending_b",      LOGIN,  NO,     NO,     OK,     OK,     OK,     OK),
    ("relay_file",      "relay_a",             LOGIN,  NO,     OK,     NO,     OK,     OK,     OK),
    # The evaluation: each structure enters the values of the action it carries.
    ("entry_grid",      "sheet_a",             LOGIN,  LOGIN,  OK,     NO,     NO,     OK,     OK),
    ("entry_grid",      "sheet_b",             LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
    ("enter_values",    "sheet_a",             LOGIN,  LOGIN,  MOD,    NO,     NO,     OK,     OK),
    ("enter_values",    "sheet_b",             LOGIN,  LOGIN,  NO,     MOD,    NO,     OK,     OK),
    ("validate",        "value_pending_a",     LOGIN,  LOGIN,  NO,     NO,     NO,     OK,     OK),
    ("value_history",   "indicator_a",         LOGIN,  LOGIN,  OK,     NO,     NO,     OK,     OK),
    ("value_history",   "indicator_b",         LOGIN,  LOGIN,  NO,     OK,     NO,     OK,     OK),
]
# fmt: on

# Rows found to be holes in the site: (action, object, role) -> reason. Strict xfail.
HOLES = {}


def cases():
    for action, obj, *outcomes in TABLE:
        assert action in ACTIONS and len(outcomes) == len(ROLES), (action, obj)
        for role, expected in zip(ROLES, outcomes, strict=True):
            marks = []
            if (action, obj, role) in HOLES:
                marks.append(pytest.mark.xfail(strict=True, reason=HOLES[action, obj, role]))
            name = re.sub(r"\W+", "_", obj.split(":", 1)[-1]).strip("_")
            yield pytest.param(
                role, action, obj, expected, id=f"{role}-{action}-{name}-{expected}", marks=marks
            )


CASES = list(cases())

SECRETS = (
    matrix.PENDING_TITLE,
    matrix.DRAFT_TITLE,
    matrix.DRAFT_CAMPAIGN_TITLE,
    matrix.DRAFT_REPORT_TITLE,
    matrix.PENDING_CARD_TITLE,
    matrix.RELAY_SUBJECT,
    matrix.PRIVATE_DOCUMENT_TITLE,
)
# The secrets each role may read: its own drafts and requests, what its screens manage.
OWN_SECRETS = {
    "partner_a": {matrix.RELAY_SUBJECT},
    "partner_b": {matrix.PENDING_TITLE, matrix.DRAFT_TITLE, matrix.PENDING_CARD_TITLE},
    "communication": {
        matrix.DRAFT_CAMPAIGN_TITLE,
        matrix.PENDING_CARD_TITLE,  # it reads the wall's cards (and their files) in the admin
        matrix.RELAY_SUBJECT,
        matrix.PRIVATE_DOCUMENT_TITLE,
    },
    "coordination": set(SECRETS),
    "superuser": set(SECRETS),
}


# Whatever they post, nothing of theirs goes live without the coordination.
NEVER_PUBLISH = ("anonymous", "visitor", "partner_a", "partner_b")


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def w(module_world, db):
    """The shared world; what a case changes is rolled back after it."""
    return module_world


def body(response):
    if getattr(response, "streaming", False):
        return ""
    return response.content.decode(errors="replace")


def request(client, w, role, action_name, obj):
    action = ACTIONS[action_name]
    user = w.users[role]
    if user is not None:
        client.force_login(user)
    url = action.url(w, obj)
    if action.method == "get":
        return client.get(url)
    data = action.data(w, obj) if action.data else {}
    return client.post(url, data)


def test_the_table_uses_every_action_and_makes_at_least_150_cases():
    assert len(CASES) >= 150
    assert {row[0] for row in TABLE} == set(ACTIONS)


@pytest.mark.parametrize(("role", "action_name", "obj_name", "expected"), CASES)
def test_permission_matrix(client, w, role, action_name, obj_name, expected):
    action = ACTIONS[action_name]
    obj = resolve(w, obj_name)
    before = action.state(w, obj)

    try:
        judge(client, w, role, action_name, obj, expected, before)
    finally:
        if action.cleanup:
            action.cleanup(w, obj)


def judge(client, w, role, action_name, obj, expected, before):
    action = ACTIONS[action_name]
    response = request(client, w, role, action_name, obj)

    refused = refusal(response, action)
    after = action.state(w, obj)
    content = body(response)
    if action.method == "post" and role in NEVER_PUBLISH:
        live = Page.objects.live().filter(title=matrix.NEW_TITLE)
        assert not live.exists(), f"{role}'s request published a page"
    if expected in (NO, LOGIN):
        assert refused, f"not refused: {response.status_code} {response.get('Location', '')}"
        if expected == LOGIN:
            assert refused == "login", f"refused without asking to log in: {response.status_code}"
        assert after == before, "a refused request changed something"
        leaked = [secret for secret in SECRETS if secret in content]
        assert not leaked, f"the refusal shows {leaked}"
        return
    if expected in (IGNORED, LOCKED):
        assert not refused and response.status_code in (200, 302), response.status_code
        assert after == before, "the request changed its target"
        if expected == LOCKED:
            assert response.status_code == 200 and response.context["locked_for_user"]
        return
    assert not refused, f"refused: {response.status_code} {response.get('Location', '')}"
    if action.method == "get":
        assert response.status_code in action.ok_statuses
        foreign = set(SECRETS) - OWN_SECRETS.get(role, set())
        leaked = [secret for secret in foreign if secret in content]
        assert not leaked, f"the screen shows {leaked}"
        return
    assert response.status_code in (200, 302), response.status_code
    if expected == OK:
        assert action.done(w, obj, before), f"not applied: {matrix.form_errors(response)}"
    else:
        assert action.held is not None, f"{action_name} has no moderation"
        assert action.held(w, obj, before), f"not held for moderation: {after!r}"
        if isinstance(obj, Page):
            assert not action.done(w, obj, before), "published without moderation"
