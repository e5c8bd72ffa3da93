"""Personnel enumerations: codes in English, official Vietnamese labels beside them (docs/domain.md)."""
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
    # No "under review" status: an open review case (reviews.py) is that state, and it is read from the case.
    SEPARATED = "SEPARATED"          # Đã thôi việc / nghỉ hưu


class QualificationKind(StrEnum):
    EDUCATION = "EDUCATION"                  # Trình độ chuyên môn
    POLITICAL_THEORY = "POLITICAL_THEORY"    # Lý luận chính trị
    STATE_MANAGEMENT = "STATE_MANAGEMENT"    # Quản lý nhà nước
    IT_SKILL = "IT_SKILL"                    # Kỹ năng công nghệ thông tin (skill, not a certificate)
    FOREIGN_LANGUAGE = "FOREIGN_LANGUAGE"    # Ngoại ngữ (skill, not a certificate)


class ReviewOrigin(StrEnum):
    INSPECTION = "INSPECTION"    # Kết luận thanh tra, kiểm tra
    FEEDBACK = "FEEDBACK"        # Phản ánh, kiến nghị được xác minh đúng
    MANUAL = "MANUAL"            # Mở theo đề nghị của cơ quan quản lý
    EVALUATION = "EVALUATION"    # Xếp loại không hoàn thành nhiệm vụ (docs/domain.md rule 5)


class ReviewStatus(StrEnum):
    OPEN = "OPEN"                    # Đã mở
    INVESTIGATING = "INVESTIGATING"  # Đang xác minh, xem xét
    DECIDED = "DECIDED"              # Đã quyết định


class ReviewOutcome(StrEnum):
    NO_ACTION = "NO_ACTION"          # Không xử lý
    REMINDER = "REMINDER"            # Nhắc nhở, chấn chỉnh
    RETRAINING = "RETRAINING"        # Đào tạo, bồi dưỡng lại
    DISCIPLINE = "DISCIPLINE"        # Xử lý kỷ luật
    REASSIGNMENT = "REASSIGNMENT"    # Bố trí công tác khác


class ContentArea(StrEnum):
    """Content of the retraining a review may order (same codes as training's content areas)."""
    POLITICAL_THEORY = "POLITICAL_THEORY"    # Lý luận chính trị
    DEFENCE_SECURITY = "DEFENCE_SECURITY"    # Quốc phòng và an ninh
    STATE_MANAGEMENT = "STATE_MANAGEMENT"    # Kiến thức quản lý nhà nước
    JOB_SPECIFIC = "JOB_SPECIFIC"            # Chuyên môn, nghiệp vụ theo vị trí việc làm
    DIGITAL_SKILLS = "DIGITAL_SKILLS"        # Kỹ năng số
    PUBLIC_ETHICS = "PUBLIC_ETHICS"          # Đạo đức công vụ


class DisciplineForm(StrEnum):
    KHIEN_TRACH = "KHIEN_TRACH"          # Khiển trách
    CANH_CAO = "CANH_CAO"                # Cảnh cáo
    HA_BAC_LUONG = "HA_BAC_LUONG"        # Hạ bậc lương
    GIANG_CHUC = "GIANG_CHUC"            # Giáng chức
    CACH_CHUC = "CACH_CHUC"              # Cách chức
    BAI_NHIEM = "BAI_NHIEM"              # Bãi nhiệm
    BUOC_THOI_VIEC = "BUOC_THOI_VIEC"    # Buộc thôi việc


class Severity(StrEnum):
    LESS_SERIOUS = "LESS_SERIOUS"    # Ít nghiêm trọng
    SERIOUS = "SERIOUS"              # Nghiêm trọng
    VERY_SERIOUS = "VERY_SERIOUS"    # Rất nghiêm trọng
    EXTREMELY_SERIOUS = "EXTREMELY_SERIOUS"    # Đặc biệt nghiêm trọng


class NoLimitationClass(StrEnum):
    """Violations never time-barred (Law 22/2008 as amended by Law 52/2019; kept by Law 80/2025)."""
    PARTY_EXPULSION_LEVEL = "PARTY_EXPULSION_LEVEL"      # Đảng viên vi phạm đến mức khai trừ
    INTERNAL_POLITICAL_PROTECTION = "INTERNAL_POLITICAL_PROTECTION"  # Bảo vệ chính trị nội bộ
    NATIONAL_INTEREST = "NATIONAL_INTEREST"              # Xâm hại lợi ích quốc gia (quốc phòng, an ninh, đối ngoại)
    FAKE_DIPLOMA = "FAKE_DIPLOMA"                        # Văn bằng, chứng chỉ giả hoặc không hợp pháp


class DeferralReason(StrEnum):
    """Chưa xem xét kỷ luật (docs/domain.md rule 6)."""
    INPATIENT_TREATMENT = "INPATIENT_TREATMENT"    # Đang điều trị nội trú
    MATERNITY = "MATERNITY"                        # Mang thai, nghỉ thai sản, nuôi con dưới 12 tháng
    DETENTION = "DETENTION"                        # Đang bị tạm giữ, tạm giam


class Rating(StrEnum):
    EXCELLENT = "EXCELLENT"              # Hoàn thành xuất sắc nhiệm vụ
    GOOD = "GOOD"                        # Hoàn thành tốt nhiệm vụ
    COMPLETED = "COMPLETED"              # Hoàn thành nhiệm vụ
    NOT_COMPLETED = "NOT_COMPLETED"      # Không hoàn thành nhiệm vụ
    NOT_RATED = "NOT_RATED"              # Chưa xếp loại


class SeparationReason(StrEnum):
    RETIREMENT = "RETIREMENT"                              # Nghỉ hưu
    RESIGNATION = "RESIGNATION"                            # Thôi việc theo nguyện vọng
    TERMINATION_NOT_COMPLETED = "TERMINATION_NOT_COMPLETED"  # Cho thôi việc do không hoàn thành nhiệm vụ
    BUOC_THOI_VIEC = "BUOC_THOI_VIEC"                      # Buộc thôi việc (kỷ luật)
    BAI_NHIEM = "BAI_NHIEM"                                # Bãi nhiệm
    TRANSFER = "TRANSFER"                                  # Chuyển công tác ra ngoài tỉnh
    DEATH = "DEATH"                                        # Từ trần
    PROBATION_FAILED = "PROBATION_FAILED"                  # Không đạt yêu cầu tập sự: huỷ quyết định tuyển dụng
    OTHER = "OTHER"


class RewardForm(StrEnum):
    HUAN_CHUONG = "HUAN_CHUONG"                # Huân chương
    HUY_CHUONG = "HUY_CHUONG"                  # Huy chương
    DANH_HIEU_VINH_DU = "DANH_HIEU_VINH_DU"    # Danh hiệu vinh dự nhà nước
    GIAI_THUONG = "GIAI_THUONG"                # Giải thưởng
    KY_NIEM_CHUONG = "KY_NIEM_CHUONG"          # Kỷ niệm chương
    BANG_KHEN = "BANG_KHEN"                    # Bằng khen
    GIAY_KHEN = "GIAY_KHEN"                    # Giấy khen


class EvidenceKind(StrEnum):
    """Items of evidence about an official's work effectiveness (seed: the main yardstick)."""
    TRAINING_COMPLETED = "TRAINING_COMPLETED"          # positive
    INSPECTION_FINDING = "INSPECTION_FINDING"          # negative: a finding names the official
    FEEDBACK_SUBSTANTIATED = "FEEDBACK_SUBSTANTIATED"  # negative: substantiated feedback about them
    UNIT_FEEDBACK_OVERDUE = "UNIT_FEEDBACK_OVERDUE"    # negative: their unit answered late


class ScorePeriod(StrEnum):
    """How often the direct manager scores a công chức's work products (Decree 335/2025, from 2026)."""
    MONTH = "MONTH"                  # Hằng tháng
    QUARTER = "QUARTER"              # Hằng quý


class WorkItemKind(StrEnum):
    TASK = "TASK"                    # Nhiệm vụ
    PRODUCT = "PRODUCT"              # Sản phẩm công việc


class HistoryKind(StrEnum):
    """A record of the service history (quá trình công tác, docs/domain.md "Service history")."""
    PLACEMENT = "PLACEMENT"      # Quá trình công tác: đơn vị, vị trí việc làm (điều động, luân chuyển, chuyển công tác)
    RANK = "RANK"                # Ngạch công chức / chức danh nghề nghiệp viên chức (và hạng)
    SALARY = "SALARY"            # Bậc lương, hệ số lương
    POST = "POST"                # Chức vụ lãnh đạo, quản lý (bổ nhiệm, với thời hạn)
