"""Personnel boundaries: commands in, views out, events published and consumed."""
from marshmallow import fields, validate, validates_schema, ValidationError

from services.common.schemas import CommandSchema, EventDataSchema, PageQuery, code_field, text_field
from services.personnel.domain.enums import (Category, OfficialStatus, OrgLevel, PositionGroup,
                                             QualificationKind, ReviewOrigin, ReviewStatus)

NATIONAL_ID = validate.Regexp(r"^[0-9]{9}([0-9]{3})?$", error="9 or 12 digits (CMND / CCCD)")


# --- commands ---------------------------------------------------------------------------------
class CreateUnit(CommandSchema):
    code = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_.-]{2,40}$"))
    name = text_field(200, required=True)
    unit_type = text_field(40, required=True)
    level = code_field(OrgLevel, required=True)
    parent_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(load_default=None, allow_none=True)
    head_official_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))

    @validates_schema
    def valid_period(self, data, **kwargs):
        if data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            raise ValidationError("must not be before valid_from", field_name="valid_to")


class RequirementSchema(CommandSchema):
    kind = code_field(QualificationKind, required=True)
    level = text_field(40, required=True)


class CreatePosition(CommandSchema):
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    title = text_field(200, required=True)
    group = code_field(PositionGroup, required=True)
    rank = text_field(40, required=True)
    requirements = fields.List(fields.Nested(RequirementSchema), load_default=list,
                               validate=validate.Length(max=20))


class QualificationInput(CommandSchema):
    kind = code_field(QualificationKind, required=True)
    level = text_field(40, required=True)
    obtained_on = fields.Date(required=True)
    field_of_study = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class RegisterOfficial(CommandSchema):
    full_name = text_field(120, required=True)
    national_id = fields.String(required=True, validate=NATIONAL_ID)
    birth_date = fields.Date(required=True)
    category = code_field(Category, required=True)
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    position_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    rank = text_field(40, required=True)
    service_start_date = fields.Date(required=True)
    qualifications = fields.List(fields.Nested(QualificationInput), load_default=list,
                                 validate=validate.Length(max=50))


class ListPositionsQuery(CommandSchema):
    unit_id = fields.String(validate=validate.Length(min=1, max=64))


class ListOfficialsQuery(PageQuery):
    unit_id = fields.String(validate=validate.Length(min=1, max=64))


class ListReviewsQuery(PageQuery):
    official_id = fields.String(validate=validate.Length(min=1, max=64))
    unit_id = fields.String(validate=validate.Length(min=1, max=64))
    status = code_field(ReviewStatus)


class StandardsQuery(CommandSchema):
    as_of = fields.Date(load_default=None)


# --- views ------------------------------------------------------------------------------------
class UnitView(CreateUnit):
    id = fields.String()


class RequirementView(RequirementSchema):
    pass


class PositionView(CreatePosition):
    id = fields.String()


class GapView(EventDataSchema):
    kind = fields.String()
    required_level = fields.String()
    held_level = fields.String(allow_none=True)


class StandardsView(EventDataSchema):
    met = fields.Boolean()
    as_of = fields.Date()
    missing = fields.List(fields.Nested(GapView))


class QualificationView(QualificationInput):
    source = fields.String()


class OfficialView(EventDataSchema):
    id = fields.String()
    full_name = fields.String()
    national_id = fields.String()
    birth_date = fields.Date()
    category = fields.String()
    unit_id = fields.String()
    position_id = fields.String()
    rank = fields.String()
    service_start_date = fields.Date()
    status = fields.String()
    qualifications = fields.List(fields.Nested(QualificationView))
    standards = fields.Nested(StandardsView, allow_none=True)


class ReviewView(EventDataSchema):
    id = fields.String()
    official_id = fields.String()
    unit_id = fields.String(allow_none=True)
    origin = fields.String()
    origin_ref = fields.String()
    reason = fields.String()
    opened_on = fields.Date()
    status = fields.String()


# --- events published (the catalog of personnel.events) --------------------------------------
class UnitCreated(EventDataSchema):
    unit_id = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    level = fields.String(required=True)
    parent_id = fields.String(allow_none=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date(allow_none=True)
    head_official_id = fields.String(allow_none=True)


class OfficialRegistered(EventDataSchema):
    official_id = fields.String(required=True)
    full_name = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    category = fields.String(required=True)
    rank = fields.String(required=True)
    status = code_field(OfficialStatus, required=True)
    service_start_date = fields.Date(required=True)
    birth_date = fields.Date(required=True)


class QualificationUpdated(EventDataSchema):
    official_id = fields.String(required=True)
    kind = code_field(QualificationKind, required=True)
    level = fields.String(required=True)
    obtained_on = fields.Date(required=True)
    source = fields.String(required=True)


class StandardsStatusChanged(EventDataSchema):
    official_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    met = fields.Boolean(required=True)
    previously_met = fields.Boolean(allow_none=True, required=True)
    as_of = fields.Date(required=True)
    missing = fields.List(fields.Nested(GapView), required=True)


class ReviewOpened(EventDataSchema):
    review_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True)
    origin = code_field(ReviewOrigin, required=True)
    origin_ref = fields.String(required=True)
    reason = fields.String(required=True)
    opened_on = fields.Date(required=True)


PUBLISHED_EVENTS = {
    "unit_created": UnitCreated,
    "official_registered": OfficialRegistered,
    "qualification_updated": QualificationUpdated,
    "standards_status_changed": StandardsStatusChanged,
    "review_opened": ReviewOpened,
}


# --- events consumed (tolerant readers) -------------------------------------------------------
class CredentialIn(EventDataSchema):
    kind = fields.String(required=True)
    level = fields.String(required=True)


class TrainingCompletedIn(EventDataSchema):
    enrollment_id = fields.String(required=True)
    official_id = fields.String(required=True)
    completed_on = fields.Date(required=True)
    credential = fields.Nested(CredentialIn, allow_none=True, load_default=None)


class FindingIn(EventDataSchema):
    finding_id = fields.String(required=True)
    description = fields.String(load_default="")
    responsible_official_ids = fields.List(fields.String(), load_default=list)


class InspectionConcludedIn(EventDataSchema):
    inspection_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    result = fields.String(required=True)
    concluded_on = fields.Date(required=True)
    findings = fields.List(fields.Nested(FindingIn), load_default=list)


class FeedbackSubstantiatedIn(EventDataSchema):
    feedback_id = fields.String(required=True)
    official_id = fields.String(required=True)
    unit_id = fields.String(allow_none=True, load_default=None)
    answered_on = fields.Date(required=True)
    summary = fields.String(load_default="")
