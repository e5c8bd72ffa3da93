"""Feedback enumerations: codes in English, official Vietnamese labels beside them (docs/domain.md)."""
from enum import StrEnum


class SubmitterType(StrEnum):
    CA_NHAN = "CA_NHAN"          # Cá nhân
    TO_CHUC = "TO_CHUC"          # Tổ chức


class Channel(StrEnum):
    TRUC_TIEP = "TRUC_TIEP"      # Trực tiếp (at the desk)
    BUU_CHINH = "BUU_CHINH"      # Bưu chính (by post)
    DIEN_TU = "DIEN_TU"          # Điện tử (online form; the public default)
    DIEN_THOAI = "DIEN_THOAI"    # Điện thoại (by phone)
    CONG_DVC_QG = "CONG_DVC_QG"  # Cổng Dịch vụ công quốc gia
    DOI_THOAI = "DOI_THOAI"      # Đối thoại (raised at a dialogue)


class FeedbackKind(StrEnum):
    REGULATION = "REGULATION"      # Phản ánh về quy định hành chính
    PROCEDURE = "PROCEDURE"        # Phản ánh về thủ tục hành chính
    CONDUCT = "CONDUCT"            # Phản ánh về hành vi của cán bộ, công chức
    COMPLAINT = "COMPLAINT"        # Khiếu nại (out of scope, rule 9)
    DENUNCIATION = "DENUNCIATION"  # Tố cáo (out of scope, rule 9)


class FeedbackStatus(StrEnum):
    RECEIVED = "RECEIVED"          # Đã tiếp nhận
    CLASSIFIED = "CLASSIFIED"      # Đã phân loại
    FORWARDED = "FORWARDED"        # Đã chuyển xử lý
    IN_PROGRESS = "IN_PROGRESS"    # Đang xử lý
    ANSWERED = "ANSWERED"          # Đã trả lời
    PUBLISHED = "PUBLISHED"        # Đã công khai kết quả
    OUT_OF_SCOPE = "OUT_OF_SCOPE"  # Không thuộc phạm vi (khiếu nại, tố cáo)


# Statuses in which the agency still owes an answer.
OPEN_STATUSES = frozenset({FeedbackStatus.RECEIVED, FeedbackStatus.CLASSIFIED,
                           FeedbackStatus.FORWARDED, FeedbackStatus.IN_PROGRESS})

# Statuses staff may set by a status update (the answer, publication and scope have their own commands).
UPDATABLE_STATUSES = frozenset({FeedbackStatus.FORWARDED, FeedbackStatus.IN_PROGRESS})
# Statuses in which the submitter may rate the handling (after the answer).
ANSWERED_STATUSES = frozenset({FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED})


class ProcedureDomain(StrEnum):
    """Field of the administrative procedure concerned (lĩnh vực TTHC), for statistics by domain."""
    LAND = "LAND"                                # Đất đai
    CIVIL_STATUS = "CIVIL_STATUS"                # Tư pháp - hộ tịch
    LABOUR_SOCIAL = "LABOUR_SOCIAL"              # Lao động - Thương binh và Xã hội
    CONSTRUCTION = "CONSTRUCTION"                # Xây dựng
    BUSINESS_INVESTMENT = "BUSINESS_INVESTMENT"  # Kế hoạch - đầu tư, đăng ký kinh doanh
    TRANSPORT = "TRANSPORT"                      # Giao thông vận tải
    NATURAL_RESOURCES = "NATURAL_RESOURCES"      # Tài nguyên - môi trường
    AGRICULTURE = "AGRICULTURE"                  # Nông nghiệp
    HEALTH = "HEALTH"                            # Y tế
    EDUCATION = "EDUCATION"                      # Giáo dục - đào tạo
    FINANCE_TAX = "FINANCE_TAX"                  # Tài chính - thuế
    HOME_AFFAIRS = "HOME_AFFAIRS"                # Nội vụ
    OTHER = "OTHER"                              # Lĩnh vực khác


class Deadline(StrEnum):
    """The three deadlines of rule 9."""
    ANSWER = "ANSWER"                  # trả lời
    STATUS_UPDATE = "STATUS_UPDATE"    # cập nhật tình trạng xử lý
    PUBLICATION = "PUBLICATION"        # công khai kết quả


class DayCount(StrEnum):
    CALENDAR = "CALENDAR"   # ngày (lịch)
    WORKING = "WORKING"     # ngày làm việc (not Saturday, Sunday, public holidays or decreed days off)


# Channels staff record on the submitter's behalf (post, phone, desk, the national portal, a dialogue).
STAFF_CHANNELS = frozenset({Channel.TRUC_TIEP, Channel.BUU_CHINH, Channel.DIEN_THOAI, Channel.CONG_DVC_QG,
                            Channel.DOI_THOAI})

# The five SIPAS aspects (Chỉ số hài lòng về sự phục vụ hành chính), rated 1 (very dissatisfied) to 5.
SIPAS_ASPECTS = ("access", "procedure", "civil_servant", "result", "feedback_handling")
