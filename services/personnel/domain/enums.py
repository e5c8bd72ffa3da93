"""Personnel enumerations: codes in English, official Vietnamese labels beside them (DOMAIN.md)."""
from enum import StrEnum


class Category(StrEnum):
    CAN_BO = "CAN_BO"            # Cán bộ
    CONG_CHUC = "CONG_CHUC"      # Công chức
    VIEN_CHUC = "VIEN_CHUC"      # Viên chức
    HOP_DONG = "HOP_DONG"        # Hợp đồng (Decree 173/2025)


class OrgLevel(StrEnum):
    CENTRAL = "CENTRAL"          # Trung ương
    PROVINCE = "PROVINCE"        # Tỉnh
    DISTRICT = "DISTRICT"        # Huyện (until 30 Jun 2025)
    COMMUNE = "COMMUNE"          # Xã / Phường / Đặc khu


class PositionGroup(StrEnum):
    LEADERSHIP = "LEADERSHIP"      # Lãnh đạo, quản lý
    PROFESSIONAL = "PROFESSIONAL"  # Chuyên môn, nghiệp vụ
    SUPPORT = "SUPPORT"            # Hỗ trợ, phục vụ


class Rank(StrEnum):
    """Ngạch công chức hành chính, by official code."""
    SENIOR_EXPERT = "CHUYEN_GIA_CAO_CAP"          # Chuyên gia cao cấp (Law 80/2025)
    SENIOR_SPECIALIST = "01.001"                  # Chuyên viên cao cấp (A3.1)
    PRINCIPAL_SPECIALIST = "01.002"               # Chuyên viên chính (A2.1)
    SPECIALIST = "01.003"                         # Chuyên viên (A1)
    OFFICER = "01.004"                            # Cán sự (A0)
    STAFF = "01.005"                              # Nhân viên (B)


class OfficialStatus(StrEnum):
    ACTIVE = "ACTIVE"                # Đang công tác
    ON_LEAVE = "ON_LEAVE"            # Nghỉ phép / tạm nghỉ
    UNDER_REVIEW = "UNDER_REVIEW"    # Đang bị xem xét
    SEPARATED = "SEPARATED"          # Đã thôi việc / nghỉ hưu


class QualificationKind(StrEnum):
    EDUCATION = "EDUCATION"                  # Trình độ chuyên môn
    POLITICAL_THEORY = "POLITICAL_THEORY"    # Lý luận chính trị
    STATE_MANAGEMENT = "STATE_MANAGEMENT"    # Quản lý nhà nước


class ReviewOrigin(StrEnum):
    INSPECTION = "INSPECTION"    # Kết luận thanh tra, kiểm tra
    FEEDBACK = "FEEDBACK"        # Phản ánh, kiến nghị được xác minh đúng


class ReviewStatus(StrEnum):
    OPEN = "OPEN"
    DECIDED = "DECIDED"
