"""The demo's 2017 ratings and disciplines (Decree 56/2015 as amended by 88/2017), planned from the
loaded officials: a realistic spread that keeps EXCELLENT within the cap in every unit and task group.

The seed report gives no rating figures: the shares are an assumption of the demo, not data.
"""
import random
from collections import defaultdict

YEAR = 2017
RATED_ON = "2017-12-20"     # Decree 88/2017: the rating is held in December
SHARES = {"EXCELLENT": 0.12, "COMPLETED": 0.25, "NOT_COMPLETED": 0.012}    # the rest: GOOD
EXCELLENT_CAP = 0.20        # of those rated GOOD or better, per unit and task group (as the service counts)
# (form, severity, month of the violation): khiển trách for a less serious violation, cảnh cáo for a
# serious one, the pairs the discipline rules accept for công chức and viên chức without a leadership post.
DISCIPLINES = [("KHIEN_TRACH", "LESS_SERIOUS", month) for month in (2, 3, 5, 6, 8)] + \
              [("CANH_CAO", "SERIOUS", month) for month in (4, 7, 9)]
SUMMARIES = {"KHIEN_TRACH": "Giải quyết hồ sơ thủ tục hành chính trễ hạn nhiều lần, không thông báo lý do",
             "CANH_CAO": "Gây phiền hà, sách nhiễu tổ chức, cá nhân khi giải quyết thủ tục hành chính"}


def group_counts(size):
    """{rating: count} for a group of `size` officials, EXCELLENT lowered until within the cap."""
    counts = {rating: round(size * share) for rating, share in SHARES.items()}
    counts["GOOD"] = size - sum(counts.values())
    while counts["EXCELLENT"] and counts["EXCELLENT"] > EXCELLENT_CAP * (counts["GOOD"] + counts["EXCELLENT"]):
        counts["EXCELLENT"] -= 1
        counts["GOOD"] += 1
    return counts


def plan(officials, seed=YEAR):
    """([(official_id, discipline body)], [(official_id, proposed rating)]).

    The disciplined officials are proposed GOOD: the service forces NOT_COMPLETED for the year of the
    discipline; they are left out of their group's counts so that the cap holds without them."""
    groups = defaultdict(list)
    for official in sorted(officials, key=lambda o: o["id"]):
        groups[(official["unit_id"], official["position_id"])].append(official["id"])
    rng = random.Random(seed)
    keys = sorted(groups)
    disciplines = []
    for index, (form, severity, month) in enumerate(DISCIPLINES):
        members = groups[keys[(index * 5) % len(keys)]]
        disciplines.append((members.pop(rng.randrange(len(members))), discipline_body(index, form, severity, month)))
    ratings = [(official_id, "GOOD") for official_id, _ in disciplines]
    for key in keys:
        members = groups[key]
        rng.shuffle(members)
        proposals = [rating for rating, count in group_counts(len(members)).items() for _ in range(count)]
        ratings += list(zip(members, proposals))
    return disciplines, ratings


def discipline_body(index, form, severity, month):
    return {"form": form, "severity": severity, "violation_date": "2017-{:02d}-10".format(month),
            "violation_summary": SUMMARIES[form], "handling_started_on": "2017-{:02d}-01".format(month + 1),
            "decided_on": "2017-{:02d}-25".format(month + 1), "decision_ref": "{}/QĐ-SNV".format(310 + index)}


def evaluation_body(rating):
    return {"year": YEAR, "rating": rating, "recorded_on": RATED_ON, "months_worked": 12}
