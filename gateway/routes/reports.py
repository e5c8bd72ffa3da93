"""Aggregated views: the annual report (JSON, CSV, XLSX), a unit's scorecard, the dashboard page."""
import os
from datetime import date

from marshmallow import fields, validate
from werkzeug.wrappers import Response

from gateway import exports
from gateway.errors import HttpError
from gateway.http import route
from gateway.reports import build_annual_report, report_tables
from gateway.roles import STAFF
from services.common.errors import DomainError
from services.common.ids import today
from services.common.schemas import CommandSchema

TAG = "aggregates"


class ReportQuery(CommandSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv", "xlsx"]))
    table = fields.String(load_default="indicators", validate=validate.Length(max=40),
                          metadata={"description": "which table to export as CSV or XLSX"})


STATIC = os.path.join(os.path.dirname(os.path.dirname(__file__)), "static")
DASHBOARD_ASSETS = {"dashboard.js": "application/javascript", "dashboard.css": "text/css"}


class ReportRoutes:

    @route("GET", "/dashboard", roles=None, tag=TAG)
    def dashboard(self, call):
        """The year's indicators as charts and tables, per province and per unit (works offline)."""
        return _static("dashboard.html", "text/html")

    @route("GET", "/dashboard/assets/{name}", roles=None, tag=TAG)
    def dashboard_asset(self, call, name):
        """Scripts and styles of the dashboard (served by the gateway, no CDN)."""
        if name not in DASHBOARD_ASSETS:
            raise HttpError(404, "NOT_FOUND", "no such asset")
        return _static(name, DASHBOARD_ASSETS[name])

    @route("GET", "/api/v1/reports/annual", roles=STAFF, query=ReportQuery, tag=TAG, unit_scoped=True)
    def annual_report(self, call):
        """The province's yearly report with the docs/domain.md indicators; CSV/XLSX export of each table.

        A caller scoped to a unit gets the report of their unit and its sub-units (`scope` says so)."""
        unit_ids = call.query.get("unit_ids")
        query = call.loaded_query
        own_unit = (call.principal or {}).get("unit_id") if unit_ids is not None else None
        report = build_annual_report(self.backends, query["year"], own_unit, unit_ids)
        return _render(report, query, "-".join(filter(None, ("bao-cao", own_unit, str(query["year"])))))

    @route("GET", "/api/v1/units/{unit_id}/scorecard", roles=STAFF, query=ReportQuery, tag=TAG)
    def unit_scorecard(self, call, unit_id):
        """A unit's year, with its sub-units: staffing, standards, training, inspections, feedback, ratings."""
        query = call.loaded_query
        unit = self.backends.call("personnel", "get_unit", unit_id)
        # The unit's sub-units as the tree stood at the year's end (a later move does not change a past year).
        subtree = self.backends.call("personnel", "unit_subtree", unit_id,
                                     min(date(query["year"], 12, 31), today()).isoformat())
        report = dict(build_annual_report(self.backends, query["year"], unit_id, subtree), unit=unit)
        report["staffing"] = _staffing(self.backends, unit_id, query["year"])
        if report["staffing"]:
            staffing = report["staffing"]
            report["indicators"]["staffing"] = {
                "label": "Biên chế đã sử dụng / được giao", "value": staffing["filled"], "of": staffing["quota"],
                "percent": round(100.0 * staffing["filled"] / staffing["quota"], 1) if staffing["quota"] else None}
        return _render(report, query, "{}-{}".format(unit.get("code", unit_id), query["year"]))


def _staffing(backends, unit_id, year):
    """Staffing vs quota at the end of the year (or today); None when it cannot be had (partial)."""
    as_of = min(date(year, 12, 31), today())
    try:
        return backends.call("personnel", "staffing_report", unit_id, {"as_of": as_of.isoformat()})
    except DomainError:
        return None


def _static(name, mimetype):
    with open(os.path.join(STATIC, name), "rb") as handle:
        return Response(handle.read(), mimetype=mimetype)


def _render(report, query, filename):
    if query["format"] == "json":
        return report
    tables = report_tables(report)
    if query["table"] not in tables:
        raise HttpError(400, "VALIDATION_ERROR", "unknown table",
                        fields={"table": ["one of: " + ", ".join(sorted(tables))]})
    table = tables[query["table"]]
    name = "{}-{}.{}".format(filename, query["table"], query["format"])
    if query["format"] == "csv":
        body, mimetype = exports.to_csv(table), exports.CSV_TYPE
    else:
        body, mimetype = exports.to_xlsx(query["table"], table), exports.XLSX_TYPE
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": 'attachment; filename="{}"'.format(name)})
