"""Small input helpers shared by the training entrypoints."""
from services.common.errors import Invalid
from services.common.ids import today


def not_in_future(name, day):
    if day is not None and day > today():
        raise Invalid("a date is in the future", fields={name: ["must not be after today ({})".format(today())]})
    return day or today()
