"""Feedback enumerations: codes in English, official Vietnamese labels beside them (DOMAIN.md)."""
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
