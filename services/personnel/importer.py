"""Bulk registration of officials from CSV (UTF-8, Vietnamese names): every row validated and
reported; valid rows committed one by one (each row is one atomic write, none half-written); a
dry run validates everything and writes nothing."""
import csv
import io
from datetime import date

import eventlet

from services.common.documents import from_document
from services.common.errors import Conflict, DomainError, Invalid
from services.common.ids import new_id
from services.common.schemas import load_or_invalid
from services.personnel import api
from services.personnel.domain import officials
from services.personnel.domain.enums import QualificationKind as K
from services.personnel.domain.model import Official
from services.personnel.domain.standards import is_known_level, levels_of

MAX_ROWS = 20000
# An import is seconds of CPU in personnel's one OS thread: every this many rows it lets the process's other
# green threads run (the gateway's reads waited for the whole chunk, or got a 503: issue 23).
ROWS_PER_TURN = 50
COLUMNS = api.IMPORT_REQUIRED_COLUMNS
EXTRA = ("salary_step", "salary_step_since", "phone", "email", "address")
# Qualification columns (levels of standards.LEVEL_ORDER), so one HR sheet carries what the standards check.
QUALIFICATIONS = {"education": K.EDUCATION, "political_theory": K.POLITICAL_THEORY,
                  "state_management": K.STATE_MANAGEMENT, "it_skill": K.IT_SKILL,
                  "foreign_language": K.FOREIGN_LANGUAGE}
QUALIFICATION_EXTRA = ("education_field", "qualifications_obtained_on")   # obtained: default service start
OPTIONAL = api.IMPORT_OPTIONAL_COLUMNS   # unit_code (instead of unit_id) + EXTRA + QUALIFICATIONS + QUALIFICATION_EXTRA


def read_rows(text):
    """(rows as dicts, header problems): an empty file, missing columns or a malformed CSV is reported once."""
    try:
        return _read_rows(text)
    except csv.Error as error:
        return [], {"file": ["not a readable CSV file: {}".format(error)]}


def _read_rows(text):
    # newline="" lets the csv module see \r\n, \n and \r line ends as written (its documented contract).
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in COLUMNS if c not in header and not (c == "unit_id" and "unit_code" in header)]
    unknown = [c for c in header if c not in COLUMNS + OPTIONAL]
    problems = {}
    if missing:
        problems["missing_columns"] = missing
    if unknown:
        problems["unknown_columns"] = unknown
    return ([] if problems else list(reader)), problems


class Importer:
    def __init__(self, store, today):
        self.store, self.today = store, today
        self.units, self.positions, self.unit_codes = {}, {}, {}
        self.schema = api.RegisterOfficial()      # one instance for every row (marshmallow schemas are reusable)

    def run(self, text, dry_run):
        rows, problems = read_rows(text)
        if problems:
            raise Invalid("the CSV header is not usable", fields=problems)
        if len(rows) > MAX_ROWS:
            raise Invalid("too many rows", fields={"rows": ["at most {} per import".format(MAX_ROWS)]})
        taken = self.store.national_ids_taken([(r.get("national_id") or "").strip() for r in rows])
        report = []
        for number, raw in enumerate(rows, start=2):
            if number % ROWS_PER_TURN == 0:
                eventlet.sleep(0)
            report.append(self.row(number, raw, dry_run, taken))
        ok = sum(1 for r in report if r["status"] != "ERROR")
        return {"dry_run": dry_run, "total": len(report), "valid": ok, "created": 0 if dry_run else ok,
                "failed": len(report) - ok, "rows": report}

    def row(self, number, raw, dry_run, taken):
        try:
            if None in raw:
                raise Invalid("too many values", fields={"_row": ["more values than columns"]})
            payload = {k: (v or "").strip() for k, v in raw.items()
                       if k in COLUMNS + EXTRA and (v or "").strip()}
            code = (raw.get("unit_code") or "").strip()
            if code and "unit_id" not in payload:
                payload["unit_id"] = self.unit_id_of(code)
            payload["qualifications"], column_errors = qualifications_of(raw)
            command = load_row(self.schema, payload, column_errors)
            if command["national_id"] in taken:
                raise Conflict("national ID already registered", fields={"national_id": ["already registered"]})
            candidate = from_document(Official, dict(command, id=new_id("off")))
            official, events = officials.register(candidate, self.unit(candidate.unit_id),
                                                  self.position(candidate.position_id), self.today)
            if not dry_run:
                self.store.officials.add(official, events, checked=True)
            taken.add(official.national_id)
            return {"row": number, "status": "VALID" if dry_run else "CREATED", "official_id": None if dry_run
                    else official.id, "full_name": official.full_name, "errors": {}}
        except DomainError as error:
            return {"row": number, "status": "ERROR", "official_id": None, "full_name": raw.get("full_name"),
                    "errors": error.fields or {"_row": [error.message]}, "error": error.code}

    def unit(self, unit_id):
        if unit_id not in self.units:
            self.units[unit_id] = self.store.units.get(unit_id)
        return self.units[unit_id]

    def position(self, position_id):
        if position_id not in self.positions:
            self.positions[position_id] = self.store.positions.get(position_id)
        return self.positions[position_id]

    def unit_id_of(self, code):
        if code not in self.unit_codes:
            self.unit_codes[code] = self.store.unit_id_by_code(code)
        return self.unit_codes[code]


def qualifications_of(raw):
    """(the row's qualification columns as QualificationInput payloads, errors by column)."""
    cell = lambda name: (raw.get(name) or "").strip()  # noqa: E731
    obtained = cell("qualifications_obtained_on") or cell("service_start_date")
    given = {column: cell(column).upper() for column in QUALIFICATIONS if cell(column)}
    errors = {column: ["{} is not a level of {}: one of {}".format(level, QUALIFICATIONS[column].value,
                                                                  ", ".join(levels_of(QUALIFICATIONS[column])))]
              for column, level in given.items() if not is_known_level(QUALIFICATIONS[column], level)}
    if cell("education_field") and "education" not in given:
        errors["education_field"] = ["give the education level it belongs to"]
    if given and not _is_date(obtained):
        column = "qualifications_obtained_on" if cell("qualifications_obtained_on") else "service_start_date"
        errors[column] = ["not a date (YYYY-MM-DD)"]
    if errors:
        return [], errors
    return [{"kind": QUALIFICATIONS[column].value, "level": level, "obtained_on": obtained,
             **({"field_of_study": cell("education_field")} if column == "education" and cell("education_field")
                else {})} for column, level in given.items()], {}


def load_row(schema, payload, column_errors):
    """The row loaded by the schema; every invalid column reported at once, the qualification ones included."""
    try:
        command = load_or_invalid(schema, payload)
    except Invalid as error:
        raise Invalid(error.message, fields={**error.fields, **column_errors}) from None
    if column_errors:
        raise Invalid("invalid qualification columns", fields=column_errors)
    return command


def _is_date(text):
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False
