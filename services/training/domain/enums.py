"""Training enumerations: codes in English, official Vietnamese labels beside them (docs/domain.md)."""
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
    CANCELLED = "CANCELLED"    # Khóa học bị hủy


class NeedOrigin(StrEnum):
    STANDARDS_GAP = "STANDARDS_GAP"    # Chưa đạt tiêu chuẩn vị trí việc làm
    REVIEW = "REVIEW"                  # Kết luận xem xét: bồi dưỡng lại


class NeedStatus(StrEnum):
    OPEN = "OPEN"          # Chưa đáp ứng
    CLOSED = "CLOSED"      # Đã đáp ứng / không còn


class NeedClosure(StrEnum):
    TRAINING_COMPLETED = "TRAINING_COMPLETED"      # Đã hoàn thành khóa đào tạo, bồi dưỡng phù hợp
    STANDARDS_MET = "STANDARDS_MET"                # Đã đạt tiêu chuẩn (personnel)
    GAP_RESOLVED = "GAP_RESOLVED"                  # Tiêu chuẩn không còn thiếu (vd. đổi vị trí)
    OFFICIAL_SEPARATED = "OFFICIAL_SEPARATED"      # Đã thôi việc, nghỉ hưu...


class PlanStatus(StrEnum):
    DRAFT = "DRAFT"            # Dự thảo
    APPROVED = "APPROVED"      # Đã phê duyệt


class CommitmentStatus(StrEnum):
    TRAINING = "TRAINING"              # Đang đào tạo
    SERVING = "SERVING"                # Đang thực hiện cam kết phục vụ
    FULFILLED = "FULFILLED"            # Đã phục vụ đủ thời gian cam kết
    REPAYMENT_DUE = "REPAYMENT_DUE"    # Phải bồi hoàn chi phí đào tạo
    RELEASED = "RELEASED"              # Không phải bồi hoàn (khóa học bị hủy, miễn)


class RepaymentReason(StrEnum):
    FAILED = "FAILED"                                  # Không hoàn thành / không được cấp văn bằng
    LEFT_DURING_TRAINING = "LEFT_DURING_TRAINING"      # Thôi việc trong thời gian đào tạo
    LEFT_BEFORE_COMMITMENT_END = "LEFT_BEFORE_COMMITMENT_END"  # Chưa phục vụ đủ thời gian cam kết


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


# Levels are ordered within each kind: holding (or being granted) a higher level satisfies a
# lower requirement; cử nhân chính trị counts as cao cấp (the equivalence personnel applies too).
LEVEL_RANK = {
    CredentialKind.EDUCATION: {"TRUNG_CAP": 1, "CAO_DANG": 2, "DAI_HOC": 3, "THAC_SI": 4, "TIEN_SI": 5},
    CredentialKind.POLITICAL_THEORY: {"SO_CAP": 1, "TRUNG_CAP": 2, "CAO_CAP": 3, "CU_NHAN": 3},
    CredentialKind.STATE_MANAGEMENT: {"CHUYEN_VIEN": 1, "CHUYEN_VIEN_CHINH": 2, "CHUYEN_VIEN_CAO_CAP": 3},
}

# Quality ratings personnel records (docs/domain.md enumerations); GOOD or better opens postgraduate training.
GOOD_OR_BETTER = ("EXCELLENT", "GOOD")    # Hoàn thành xuất sắc / tốt nhiệm vụ

CREDENTIAL_LEVELS = {
    CredentialKind.EDUCATION: EducationLevel,
    CredentialKind.POLITICAL_THEORY: PoliticalTheoryLevel,
    CredentialKind.STATE_MANAGEMENT: StateManagementLevel,
}

# Officials' statuses come from personnel's events and are kept as plain strings, so a status
# personnel adds later does not break this projection; only ACTIVE officials may enroll.
ACTIVE = "ACTIVE"          # Đang công tác
SEPARATED = "SEPARATED"    # Đã thôi việc (personnel's official_separated)
