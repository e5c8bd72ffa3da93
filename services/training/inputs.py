"""Small input helpers shared by the training entrypoints."""
from services.common.dates import not_after_today
from services.common.ids import today


def not_in_future(name, day):
    """The given day, or today; a day after today is refused (services/common/dates.py)."""
    return not_after_today(day, today(), name)
