"""Personnel boundaries for the organisation: job-position schemes, staffing and compliance reports."""
from marshmallow import fields, validate

from services.common.schemas import CommandSchema, ENTITY_ID, EventDataSchema, PageQuery, code_field, text_field
from services.personnel.domain.enums import QualificationKind as K
from services.personnel.domain.staffing import SchemeStatus
from services.personnel.domain.standards import levels_of
from services.personnel.importer import COLUMNS, OPTIONAL



class SubmitScheme(CommandSchema):
    unit_id = fields.String(required=True, validate=ENTITY_ID)
    title = text_field(300, required=True)        # "Đề án vị trí việc làm của ..."
    submitted_on = fields.Date(required=True)
    position_count = fields.Integer(required=True, validate=validate.Range(min=0, max=10000))
    headcount = fields.Integer(required=True, validate=validate.Range(min=0, max=100000))


class DecideScheme(CommandSchema):
    approved = fields.Boolean(required=True)
    decided_on = fields.Date(required=True)
    decision_ref = text_field(120, required=True)
    approver = text_field(200, required=True)


class SchemeView(SubmitScheme):
    id = fields.String()
    status = fields.String()
    decided_on = fields.Date(allow_none=True)
    decision_ref = fields.String(allow_none=True)
    approver = fields.String(allow_none=True)


class ListSchemesQuery(PageQuery):
    unit_id = fields.String(validate=ENTITY_ID)
    status = code_field(SchemeStatus)


class StaffingQuery(CommandSchema):
    as_of = fields.Date(load_default=None)
    include_sub_units = fields.Boolean(load_default=True)


class StaffingRow(EventDataSchema):
    position_id = fields.String()
    unit_id = fields.String()
    title = fields.String()
    rank = fields.String()
    group = fields.String()
    quota = fields.Integer()
    filled = fields.Integer()
    vacant = fields.Integer()


class RankShare(EventDataSchema):
    rank = fields.String()
    count = fields.Integer()
    share = fields.Float()


class StaffingView(EventDataSchema):
    unit_id = fields.String()
    as_of = fields.Date()
    quota = fields.Integer()
    filled = fields.Integer()
    vacant = fields.Integer()
    over_quota = fields.Integer()
    positions = fields.List(fields.Nested(StaffingRow))
    rank_structure = fields.List(fields.Nested(RankShare))
    categories = fields.Dict(keys=fields.String(), values=fields.Integer())


class ComplianceQuery(CommandSchema):
    unit_id = fields.String(validate=ENTITY_ID)          # none: the whole province
    as_of = fields.Date(load_default=None)


class ComplianceView(EventDataSchema):
    unit_id = fields.String(allow_none=True)
    as_of = fields.Date()
    officials = fields.Integer()
    met = fields.Integer()
    not_met = fields.Integer()
    rate = fields.Float(allow_none=True)
    units = fields.List(fields.Dict(), metadata={
        "description": "per direct sub-unit: unit_id, name and the same counts"})


def _levels(kind):
    return ", ".join(levels_of(kind))


# The CSV body of POST /api/v1/officials/import, as /docs shows it (columns: services/personnel/importer.py;
# a unit test imports the example).
IMPORT_CSV = {
    "media_type": "text/csv",
    "description": "UTF-8 CSV, one official a row. Required columns: full_name, national_id, birth_date, category, "
                   "unit_id (or unit_code), position_id, rank, service_start_date. Optional: salary_step, "
                   "salary_step_since, phone, email, address; and the qualifications checked against the rank's "
                   "and the position's standards: education ({}) with education_field, political_theory ({}), "
                   "state_management ({}), it_skill ({}), foreign_language ({}), qualifications_obtained_on "
                   "(default: service_start_date). A bad value is an error of its row naming the column.".format(
                       *(_levels(kind) for kind in (K.EDUCATION, K.POLITICAL_THEORY, K.STATE_MANAGEMENT,
                                                    K.IT_SKILL, K.FOREIGN_LANGUAGE))),
    "example": "full_name,national_id,birth_date,category,unit_code,position_id,rank,service_start_date,"
               "education,education_field,political_theory,state_management,it_skill,foreign_language,"
               "qualifications_obtained_on\n"
               "Nguyễn Thị Hồng Nhung,096190100001,1990-02-03,CONG_CHUC,SNV,pos-1,01.003,2015-09-01,"
               "DAI_HOC,Luật,TRUNG_CAP,CHUYEN_VIEN,BASIC,BAC_2,2016-06-30\n"
               "Lý Thị Mỹ,096195100003,1995-05-05,CONG_CHUC,SNV,pos-2,01.004,2020-03-01,CAO_DANG,,,,,,\n",
    "columns": COLUMNS + OPTIONAL,    # the gateway checks the ids among them against a caller's unit scope
}


class ImportQuery(CommandSchema):
    dry_run = fields.Boolean(load_default=False)


class ImportRowView(EventDataSchema):
    row = fields.Integer(metadata={"description": "line number in the file (the header is line 1)"})
    status = fields.String(metadata={"description": "CREATED, VALID (dry run) or ERROR"})
    official_id = fields.String(allow_none=True)
    full_name = fields.String(allow_none=True)
    error = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class ImportReportView(EventDataSchema):
    dry_run = fields.Boolean()
    total = fields.Integer()
    valid = fields.Integer()
    created = fields.Integer()
    failed = fields.Integer()
    rows = fields.List(fields.Nested(ImportRowView))
