"""Training enumerations: codes in English, official Vietnamese labels beside them (DOMAIN.md)."""
from enum import StrEnum


class CourseKind(StrEnum):
    POSTGRADUATE = "POSTGRADUATE"    # Đào tạo sau đại học
    DEGREE = "DEGREE"                # Đào tạo
    FOSTERING = "FOSTERING"          # Bồi dưỡng


class ContentArea(StrEnum):
    POLITICAL_THEORY = "POLITICAL_THEORY"    # Lý luận chính trị
    DEFENCE_SECURITY = "DEFENCE_SECURITY"    # Quốc phòng và an ninh
    STATE_MANAGEMENT = "STATE_MANAGEMENT"    # Kiến thức quản lý nhà nước
    JOB_SPECIFIC = "JOB_SPECIFIC"            # Chuyên môn, nghiệp vụ theo vị trí việc làm
    DIGITAL_SKILLS = "DIGITAL_SKILLS"        # Kỹ năng số
    PUBLIC_ETHICS = "PUBLIC_ETHICS"          # Đạo đức công vụ


class Location(StrEnum):
    DOMESTIC = "DOMESTIC"      # Trong nước
    OVERSEAS = "OVERSEAS"      # Nước ngoài


class CourseStatus(StrEnum):
    OPEN = "OPEN"              # Đang tổ chức / nhận học viên
    CANCELLED = "CANCELLED"    # Đã hủy


class EnrollmentStatus(StrEnum):
    ENROLLED = "ENROLLED"      # Đang học
    COMPLETED = "COMPLETED"    # Hoàn thành, được cấp chứng chỉ
    FAILED = "FAILED"          # Không đạt


class CredentialKind(StrEnum):
    """The kinds of qualification personnel tracks; a course may grant one level of one kind."""
    EDUCATION = "EDUCATION"                  # Trình độ chuyên môn
    POLITICAL_THEORY = "POLITICAL_THEORY"    # Lý luận chính trị
    STATE_MANAGEMENT = "STATE_MANAGEMENT"    # Quản lý nhà nước


class EducationLevel(StrEnum):
    TRUNG_CAP = "TRUNG_CAP"    # Trung cấp
    CAO_DANG = "CAO_DANG"      # Cao đẳng
    DAI_HOC = "DAI_HOC"        # Đại học
    THAC_SI = "THAC_SI"        # Thạc sĩ
    TIEN_SI = "TIEN_SI"        # Tiến sĩ


class PoliticalTheoryLevel(StrEnum):
    SO_CAP = "SO_CAP"          # Sơ cấp
    TRUNG_CAP = "TRUNG_CAP"    # Trung cấp
    CAO_CAP = "CAO_CAP"        # Cao cấp
    CU_NHAN = "CU_NHAN"        # Cử nhân chính trị


class StateManagementLevel(StrEnum):
    CHUYEN_VIEN = "CHUYEN_VIEN"                    # Chương trình chuyên viên
    CHUYEN_VIEN_CHINH = "CHUYEN_VIEN_CHINH"        # Chương trình chuyên viên chính
    CHUYEN_VIEN_CAO_CAP = "CHUYEN_VIEN_CAO_CAP"    # Chương trình chuyên viên cao cấp (legacy)


CREDENTIAL_LEVELS = {
    CredentialKind.EDUCATION: EducationLevel,
    CredentialKind.POLITICAL_THEORY: PoliticalTheoryLevel,
    CredentialKind.STATE_MANAGEMENT: StateManagementLevel,
}

# Officials' statuses come from personnel's events and are kept as plain strings, so a status
# personnel adds later does not break this projection; only ACTIVE officials may enroll.
ACTIVE = "ACTIVE"    # Đang công tác
