"""The Cà Mau 2017 demo dataset: units named in the province's report, and the figures it states."""
import random

YEAR = 2017
SEED = 2017
UNITS = [
    # (code, name, unit_type, level, parent code)
    ("UBND-CM", "Ủy ban nhân dân tỉnh Cà Mau", "UBND_TINH", "PROVINCE", None),
    ("SNV", "Sở Nội vụ", "SO", "PROVINCE", "UBND-CM"),
    ("SCT", "Sở Công Thương", "SO", "PROVINCE", "UBND-CM"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SO", "PROVINCE", "UBND-CM"),
    ("STP", "Sở Tư pháp", "SO", "PROVINCE", "UBND-CM"),
    ("STNMT", "Sở Tài nguyên và Môi trường", "SO", "PROVINCE", "UBND-CM"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SO", "PROVINCE", "UBND-CM"),
    ("SYT", "Sở Y tế", "SO", "PROVINCE", "UBND-CM"),
    ("DPTTH", "Đài Phát thanh - Truyền hình Cà Mau", "DON_VI_SU_NGHIEP", "PROVINCE", "UBND-CM"),
    ("BQLDA-NN", "Ban Quản lý dự án Nông nghiệp và Phát triển nông thôn", "BAN_QLDA", "PROVINCE", "UBND-CM"),
    ("UBND-TPCM", "Ủy ban nhân dân thành phố Cà Mau", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-PT", "Ủy ban nhân dân huyện Phú Tân", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-TVT", "Ủy ban nhân dân huyện Trần Văn Thời", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-CN", "Ủy ban nhân dân huyện Cái Nước", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-DD", "Ủy ban nhân dân huyện Đầm Dơi", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-NC", "Ủy ban nhân dân huyện Năm Căn", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-NH", "Ủy ban nhân dân huyện Ngọc Hiển", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-UM", "Ủy ban nhân dân huyện U Minh", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
    ("UBND-TB", "Ủy ban nhân dân huyện Thới Bình", "UBND_HUYEN", "DISTRICT", "UBND-CM"),
]
# Inspection of personnel work at 6 units, 100% of plan (seed report).
INSPECTED = ["SCT", "SLDTBXH", "DPTTH", "BQLDA-NN", "UBND-PT", "UBND-TVT"]
OFFICIALS = 2500
TRAINING_TURNS_DONE = 2322          # = 93% of plan
TRAINING_PLAN = {"POLITICAL_THEORY": 600, "STATE_MANAGEMENT": 900, "JOB_SPECIFIC": 997}   # 2,497 turns
TRAINING_DONE = {"POLITICAL_THEORY": 558, "STATE_MANAGEMENT": 837, "JOB_SPECIFIC": 927}   # 2,322 turns
SCHEMES_APPROVED = 20
DIALOGUES = 28
FEEDBACK_ITEMS = 912                # "over 900", all answered
TTHC_HOT_SPOTS = [("SLDTBXH", "LABOUR_INVALIDS_SOCIAL"), ("UBND-PT", "JUSTICE_CIVIL_STATUS"),
                  ("UBND-TVT", "LAND")]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Lâm", "Tô", "Quách", "Trương", "Châu"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hoàng", "Quốc", "Kim", "Hữu", "Thu", "Bích", "Công"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Minh", "Nam", "Nga", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Sơn", "Tâm",
         "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Uyên", "Vinh", "Xuân", "Yến"]


def official_rows(unit_positions):
    """CSV rows of the demo officials, spread over the units' positions (deterministic)."""
    rng = random.Random(SEED)
    rows = []
    for index in range(OFFICIALS):
        unit_id, position_id = unit_positions[index % len(unit_positions)]
        category = "CONG_CHUC" if index % 3 else "VIEN_CHUC"
        rows.append({
            "full_name": "{} {} {}".format(rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)),
            "national_id": "0961{:08d}".format(index + 1), "birth_date": "{}-{:02d}-{:02d}".format(
                rng.randint(1965, 1995), rng.randint(1, 12), rng.randint(1, 28)),
            "category": category, "unit_id": unit_id, "position_id": position_id, "rank": "01.003",
            "service_start_date": "{}-{:02d}-01".format(rng.randint(1990, 2015), rng.randint(1, 12))})
    return rows
