"""The annual report's routes: the page, its CSV and JSON downloads, its PDF."""

from wagtail.contrib.routable_page.models import RoutablePageMixin


class ReportRoutes(RoutablePageMixin):
    """Mixed into AnnualReportPage."""
