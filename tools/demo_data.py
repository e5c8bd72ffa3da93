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
    held = random.Random(SEED + 1)      # its own sequence: names and IDs stay those of earlier demos
    rows = []
    for index in range(OFFICIALS):
        unit_id, position_id = unit_positions[index % len(unit_positions)]
        category = "CONG_CHUC" if index % 3 else "VIEN_CHUC"
        rows.append({
            "full_name": "{} {} {}".format(rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)),
            "national_id": "0961{:08d}".format(index + 1), "birth_date": "{}-{:02d}-{:02d}".format(
                rng.randint(1965, 1995), rng.randint(1, 12), rng.randint(1, 28)),
            "category": category, "unit_id": unit_id, "position_id": position_id, "rank": "01.003",
            "service_start_date": "{}-{:02d}-01".format(rng.randint(1990, 2015), rng.randint(1, 12)),
            **qualification_columns(category, held)})
    return rows


FIELDS = ["Luật", "Kinh tế", "Hành chính học", "Quản trị kinh doanh", "Kế toán", "Công nghệ thông tin",
          "Nuôi trồng thủy sản", "Sư phạm", "Xây dựng"]
# Share of công chức lacking one item of the 2017 rank standards (Circular 11/2014/TT-BNV, rank 01.003: university
# degree, state-management programme, foreign language bậc 2, basic IT). The seed says staff "basically meet
# standards": about 1 in 9 công chức misses something, viên chức are judged on their (unconstrained) positions,
# which puts the province's 2017 compliance rate near 92%.
MISSING = {"education": 0.04, "state_management": 0.03, "foreign_language": 0.05}


def qualification_columns(category, rng):
    """The CSV qualification columns of one official (obtained on the service start date, the default)."""
    public_servant = category == "CONG_CHUC"
    education = rng.choices(["DAI_HOC", "THAC_SI", "CAO_DANG"], [85, 10, 5])[0]
    if public_servant and rng.random() < MISSING["education"]:
        education = "CAO_DANG"
    elif public_servant and education == "CAO_DANG":
        education = "DAI_HOC"
    columns = {"education": education, "education_field": rng.choice(FIELDS),
               "political_theory": rng.choices(["", "SO_CAP", "TRUNG_CAP", "CAO_CAP"], [25, 30, 40, 5])[0],
               "state_management": "CHUYEN_VIEN" if public_servant else rng.choice(["", "CHUYEN_VIEN"]),
               "it_skill": rng.choices(["BASIC", "ADVANCED"], [85, 15])[0],
               "foreign_language": rng.choices(["BAC_2", "BAC_3"], [80, 20])[0]}
    for column, share in MISSING.items():
        if public_servant and column != "education" and rng.random() < share:
            columns[column] = ""
    return columns


# --- careers in 2017 (the seed: "tổ chức thi thăng hạng viên chức hành chính, thi tuyển công chức; triển khai thực
# hiện việc thi tuyển chức danh lãnh đạo Phó Giám đốc Đài Phát thanh – Truyền hình tỉnh (đang trong giai đoạn nhận
# hồ sơ)"): a small exam of each kind, loaded after the 2017 ratings so the seed's figures stay as they are.
RECRUITMENT_UNIT = "SNV"
RECRUITMENT_PLACES = 3
# (name, national id, round 1, round 2): Decree 24/2010, both exams count; the first three pass.
RECRUITMENT_CANDIDATES = [("Nguyễn Thị Tuyển", "096295000101", 78, 85), ("Trần Văn Đạt", "096294000102", 70, 80),
                          ("Lê Minh Khoa", "096296000103", 65, 72), ("Phạm Thị Hồng", "096295000104", 60, 55),
                          ("Võ Văn Lực", "096293000105", 45, None)]
RECRUITED_START = "2018-01-02"      # service and probation begin after 2017: the 2017 staff figures are unchanged
PROMOTION_PLACES = 2
PROMOTION_CANDIDATES = 3            # viên chức hành chính (chuyên viên, 01.003) sitting for chuyên viên chính
PROMOTION_SCORES = [(80, 82), (75, 70), (60, 58)]
SELECTION_UNIT = "DPTTH"
SELECTION_POST = "Phó Giám đốc Đài Phát thanh - Truyền hình tỉnh"
SELECTION_CANDIDATES = 2            # applied; no result yet (the seed: application stage)
