"""The evaluation app's share of `manage.py load_demo`: the contract, its action plan, indicator
values for 2025 and part of 2026, the audience counter, attendance, and the 2025 report.

Like the rest of the demo it only creates what is missing: pages are found again by slug under
their parent (home/demo/builder.py), an action sheet's indicators are created only if it has
none, page-view counts and attendance only for the days and dates without one.
"""

import decimal

from django.contrib.auth import get_user_model

from evaluation.models import (
    ActionFunder,
    ActionSheetPage,
    AnnualReportPage,
    AxisPage,
    ContractPage,
    ContractSignatory,
    HealthDeterminant,
    Indicator,
    PlanAxis,
    ReportNarrative,
)
from home.demo.territory import AXES
from partners.demo import Taxonomy, indexed_once
from partners.demo.structures import PARTNER_STRUCTURES
from partners.models import StructurePage

from . import audience, content, values
from .actions import ACTIONS

CONTRACT_YEARS = (2025, 2029)


def load(demo):
    with indexed_once([ContractPage, AxisPage, ActionSheetPage, AnnualReportPage]) as new_pages:
        contract = load_contract(demo, new_pages)
        axes = load_axes(demo, contract, new_pages)
        pages = load_actions(demo, axes, new_pages)
        load_indicators(demo, pages)
        load_report(demo, contract, axes, new_pages)
    audience.load_page_views(demo)
    audience.load_attendance(demo)


def created(demo, before, page, new_pages):
    if len(demo.created) > before:
        new_pages.append(page.pk)
    return page


def load_contract(demo, new_pages):
    before = len(demo.created)
    contract = demo.page(
        demo.home,
        ContractPage,
        "evaluation",
        title=content.CONTRACT_TITLE,
        show_in_menus=True,
        seo_title="Le contrat local de santé et son plan d'actions",
        search_description=(
            "Les signataires, les cinq axes et les fiches actions du contrat local de santé "
            "2025–2029, avec leurs indicateurs et les rapports annuels."
        ),
        territory=content.CONTRACT_TERRITORY,
        start_year=CONTRACT_YEARS[0],
        end_year=CONTRACT_YEARS[1],
        signed_on=content.SIGNED_ON,
        introduction=content.CONTRACT_INTRODUCTION,
        coordinator_contact=content.CONTACT_EMAIL,
        signatories=[
            ContractSignatory(name=name, represented_by=who, url=url, sort_order=position)
            for position, (name, who, url) in enumerate(content.SIGNATORIES)
        ],
    )
    return created(demo, before, contract, new_pages)


def load_axes(demo, contract, new_pages):
    axes = {}
    for number, ((title, summary), slug, description) in enumerate(
        zip(AXES, content.AXIS_SLUGS, content.AXIS_DESCRIPTIONS, strict=True), start=1
    ):
        before = len(demo.created)
        axis = demo.page(
            contract,
            AxisPage,
            slug,
            title=title,
            number=number,
            summary=summary,
            description=description,
        )
        axes[number] = created(demo, before, axis, new_pages)
    return axes


class References:
    """Structures, taxonomies, determinants and regional plan axes, each read once."""

    def __init__(self):
        self.taxonomy = Taxonomy()
        self.structures = {
            page.slug: page for page in StructurePage.objects.filter(slug__in=self.slugs())
        }
        self.determinants = list(HealthDeterminant.objects.all())
        self.plan_axes = {f"{axis.plan}:{axis.code}": axis for axis in PlanAxis.objects.all()}

    @staticmethod
    def slugs():
        return {
            slug
            for data in ACTIONS
            for slug in [data.get("carrier"), *data["partners"]]
            if slug is not None
        }

    def determinants_named(self, prefixes):
        return [
            determinant
            for determinant in self.determinants
            if any(determinant.name.startswith(prefix) for prefix in prefixes)
        ]

    def communes(self, codes):
        communes = self.taxonomy.communes
        if codes == "*":
            return list(communes.values())
        return [communes[code] for code in codes if code in communes]


def action_fields(data, refs):
    carrier = refs.structures.get(data.get("carrier") or "")
    return {
        "title": data["title"],
        "number": data["number"],
        "summary": data["summary"],
        "typology": data["typology"],
        "status": data["status"],
        "status_note": data["status_note"],
        "carrying_structure": carrier,
        "carrier_name": "" if carrier is not None else data.get("carrier_name", ""),
        "referent_role": data["referent_role"],
        "local_context": data["local_context"],
        "general_objective": data["general_objective"],
        "specific_objectives": data["specific_objectives"],
        "operational_objectives": data["operational_objectives"],
        "implementation_steps": data["implementation_steps"],
        "duration": data["duration"],
        "start_year": data["start_year"],
        "end_year": data["end_year"],
        "partner_structures": [
            refs.structures[slug] for slug in data["partners"] if slug in refs.structures
        ],
        "partners_note": data["partners_note"],
        "themes": refs.taxonomy.pick(refs.taxonomy.themes, data["themes"]),
        "publics": refs.taxonomy.pick(refs.taxonomy.publics, data["publics"]),
        "territory": data["territory"],
        "communes": refs.communes(data["communes"]),
        "budget": decimal.Decimal(data["budget"]),
        "budget_note": data["budget_note"],
        "funders": [
            ActionFunder(name=name, amount=decimal.Decimal(amount), sort_order=position)
            for position, (name, amount) in enumerate(data["funders"])
        ],
        "other_resources": data["other_resources"],
        "determinants": refs.determinants_named(data["determinants"]),
        "plan_axes": [refs.plan_axes[key] for key in data["plan_axes"] if key in refs.plan_axes],
        "fights_inequalities": data["fights_inequalities"],
        "participatory": data["participatory"],
        "participatory_note": data["participatory_note"],
        "public_policies": data["public_policies"],
        "evaluation_method": data["evaluation_method"],
    }


def load_actions(demo, axes, new_pages):
    """{slug: (page, data)} for every demo action sheet, created if missing."""
    existing = {
        page.slug: page
        for page in ActionSheetPage.objects.filter(slug__in=[data["slug"] for data in ACTIONS])
    }
    refs = None
    pages = {}
    for data in ACTIONS:
        axis = axes[data["axis"]]
        page = existing.get(data["slug"])
        if page is None or not page.path.startswith(axis.path):
            refs = refs or References()
            before = len(demo.created)
            page = demo.page(axis, ActionSheetPage, data["slug"], **action_fields(data, refs))
            created(demo, before, page, new_pages)
        pages[data["slug"]] = (page, data)
    return pages


def load_indicators(demo, pages):
    """Indicators, targets and values for the action sheets that have no indicator yet."""
    with_indicators = set(
        Indicator.objects.filter(action__in=[page for page, _data in pages.values()]).values_list(
            "action_id", flat=True
        )
    )
    todo = [(page, data) for page, data in pages.values() if page.pk not in with_indicators]
    if not todo:
        return
    users = get_user_model().objects.in_bulk(
        ["coordination", *PARTNER_STRUCTURES], field_name="username"
    )
    coordination = users.get("coordination")
    partners = {
        slug: users[username] for username, slug in PARTNER_STRUCTURES.items() if username in users
    }
    for page, data in todo:
        indicators = values.create_indicators(page, data["indicators"])
        partner = partners.get(data.get("carrier") or "")
        written = 0
        if coordination is not None:
            for indicator in indicators:
                written += values.write_indicator_values(indicator, page, coordination, partner)
        demo.note("indicateurs", f"{page.title} ({len(indicators)}, {written} valeurs)")


def load_report(demo, contract, axes, new_pages):
    before = len(demo.created)
    general_heading, general_text = content.REPORT_GENERAL
    report = demo.page(
        contract,
        AnnualReportPage,
        "rapport-2025",
        title=content.REPORT_TITLE,
        year=2025,
        search_description="Ce que le contrat local de santé a réalisé en 2025, axe par axe.",
        introduction=content.REPORT_INTRODUCTION,
        conclusion=content.REPORT_CONCLUSION,
        narratives=[
            ReportNarrative(axis=None, heading=general_heading, text=general_text, sort_order=0),
            *(
                ReportNarrative(axis=axes[number], heading=heading, text=text, sort_order=number)
                for number, (heading, text) in enumerate(content.REPORT_AXES, start=1)
            ),
        ],
    )
    return created(demo, before, report, new_pages)
