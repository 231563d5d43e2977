"""The reports area as files: every dashboard in one .xlsx sheet, or as a right-to-left PDF."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from apps.accounts.models import Organization, province_organization
from apps.accounts.permissions import province_of
from apps.core.dashboards import ReportFilters
from apps.core.jalali import today
from apps.core.spreadsheets import xlsx_response
from apps.documents.render import render_pdf


def _rows(boards):
    """Every dashboard as rows of one sheet: its figures, then each table with its own header row."""
    for _service, board in boards:
        for label, value in board.figures:
            yield [board.title, "شاخص‌ها", label, value]
        for table in board.tables:
            yield [board.title, table.title, *table.headers]
            for row in table.rows:
                yield [board.title, table.title, *row]


def reports_xlsx(boards) -> HttpResponse:
    return xlsx_response("reports", ["داشبورد", "بخش", "مقادیر"], _rows(boards))


def reports_pdf(boards, filters: ReportFilters, *, reader) -> HttpResponse:
    """Figures and tables of every dashboard; the charts stay on the page. Issued by the Organization of the
    province whose figures they are: the chosen agency's, else the reader's own."""
    organization = Organization.objects.filter(pk=filters.organization_id).first()
    province_id = organization.province_id if organization is not None else province_of(reader)
    context = {
        "boards": boards,
        "filters": filters,
        "organization": organization,
        "issuer": province_organization(province_id),
        "generated_on": today(),
    }
    response = HttpResponse(
        render_pdf("complaints/reports_pdf.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename="reports.pdf")
    return response
