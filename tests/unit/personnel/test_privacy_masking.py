"""docs/domain.md rule 11 (Law 91/2025, Decree 356/2025): officials' identity and contact data only to HR roles."""
from gateway.routes.personnel_privacy import for_principal

OFFICIAL = {"id": "off-1", "full_name": "Lê Văn Tám", "national_id": "096090001234", "birth_date": "1990-03-02",
            "phone": "0912345678", "email": "tam@camau.gov.vn", "address": None}


def test_hr_roles_see_personal_data_in_full():
    assert for_principal(OFFICIAL, {"roles": ["hr_officer"]}) == OFFICIAL


def test_other_staff_see_it_masked_and_the_name_kept():
    seen = for_principal(OFFICIAL, {"roles": ["viewer", "trainer"]})
    assert seen["full_name"] == "Lê Văn Tám" and seen["national_id"] == "*********234"
    assert seen["birth_date"] == "1990-01-01" and seen["phone"] == "**********" and seen["address"] is None
    assert "tam@" not in seen["email"]
