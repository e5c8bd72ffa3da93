"""Tables of the reports as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese) and XLSX."""
import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def to_csv(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table["columns"])
    writer.writerows(table["rows"])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(name, table):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = name[:31]
    sheet.append(table["columns"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table["rows"]:
        sheet.append(list(row))
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
