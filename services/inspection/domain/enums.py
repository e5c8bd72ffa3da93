"""Inspection enumerations: codes in English, official Vietnamese labels beside them (docs/domain.md)."""
from enum import StrEnum


class InspectionKind(StrEnum):
    THANH_TRA = "THANH_TRA"      # Thanh tra
    KIEM_TRA = "KIEM_TRA"        # Kiểm tra


class InspectionForm(StrEnum):
    PLANNED = "PLANNED"          # Theo kế hoạch
    AD_HOC = "AD_HOC"            # Đột xuất


class InspectionTopic(StrEnum):
    PERSONNEL_WORK = "PERSONNEL_WORK"      # Công tác cán bộ
    PUBLIC_DUTY = "PUBLIC_DUTY"            # Công vụ
    ADMIN_REFORM = "ADMIN_REFORM"          # Cải cách hành chính (CCHC)
    TTHC_COMPLIANCE = "TTHC_COMPLIANCE"    # Tuân thủ thủ tục hành chính (TTHC)


class InspectionStage(StrEnum):
    """In order. Statutory deadlines between stages (docs/domain.md rule 10) come with the stage machine."""
    DECISION = "DECISION"                  # Quyết định thanh tra, kiểm tra
    FIELDWORK = "FIELDWORK"                # Tiến hành trực tiếp
    RESULT_REPORT = "RESULT_REPORT"        # Báo cáo kết quả
    DRAFT_CONCLUSION = "DRAFT_CONCLUSION"  # Dự thảo kết luận
    CONCLUSION = "CONCLUSION"              # Kết luận
    PUBLISHED = "PUBLISHED"                # Công khai kết luận
    FOLLOW_UP = "FOLLOW_UP"                # Theo dõi, đôn đốc thực hiện kết luận
    CLOSED = "CLOSED"                      # Kết thúc


STAGE_ORDER = tuple(InspectionStage)


class Severity(StrEnum):
    LESS_SERIOUS = "LESS_SERIOUS"          # Ít nghiêm trọng
    SERIOUS = "SERIOUS"                    # Nghiêm trọng
    VERY_SERIOUS = "VERY_SERIOUS"          # Rất nghiêm trọng


class TthcDomain(StrEnum):
    """Field of an administrative-procedure violation; the seed report's hot spots come first."""
    LABOUR_INVALIDS_SOCIAL = "LABOUR_INVALIDS_SOCIAL"  # Lao động – Thương binh và Xã hội
    JUSTICE_CIVIL_STATUS = "JUSTICE_CIVIL_STATUS"      # Tư pháp – Hộ tịch
    LAND = "LAND"                                      # Đất đai
    OTHER = "OTHER"                                    # Lĩnh vực khác


class ConclusionResult(StrEnum):
    PASSED = "PASSED"                            # Đạt (no violation found)
    PASSED_WITH_REMARKS = "PASSED_WITH_REMARKS"  # Đạt, có kiến nghị chấn chỉnh
    FAILED = "FAILED"                            # Có vi phạm: responsible officials are reviewed (flow 2)


class RecommendationStatus(StrEnum):
    OPEN = "OPEN"                # Đang thực hiện
    DONE = "DONE"                # Đã thực hiện xong
    WAIVED = "WAIVED"            # Không phải thực hiện (miễn, có lý do)


SETTLED = (RecommendationStatus.DONE, RecommendationStatus.WAIVED)
