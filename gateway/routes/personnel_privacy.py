"""Personal data of officials (docs/domain.md rule 11, Law 91/2025 and Decree 356/2025): identity and contact
data are shown in full only to the roles that manage personnel; other staff see them masked."""
from gateway.roles import HR_WRITE

CONTACT = ("phone", "email", "address")


def mask_text(value, keep=0):
    if not value:
        return value
    return "*" * max(len(value) - keep, 3) + (value[-keep:] if keep else "")


def for_principal(official, principal):
    """The official as this principal may see them."""
    if principal and set(principal.get("roles", ())) & set(HR_WRITE):
        return official
    masked = dict(official, national_id=mask_text(official.get("national_id"), keep=3))
    if official.get("birth_date"):
        masked["birth_date"] = official["birth_date"][:4] + "-01-01"     # the year only
    masked.update({key: mask_text(official.get(key)) for key in CONTACT})
    return masked
