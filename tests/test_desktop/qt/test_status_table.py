"""The Data tab's status table says which series the portfolio and the signals read."""

from datetime import date

from desktop.data.market.series_status import SeriesStatus
from desktop.qt.widgets.status_table import COLUMNS, StatusTable


def test_used_by_names_the_first_readers_and_counts_the_rest(qtbot):
    table = StatusTable()
    qtbot.addWidget(table)
    status = SeriesStatus("XLK", "price", date(2006, 1, 3), date(2026, 8, 3), 5000, False, ())
    table.show_statuses([status], {"XLK": ("breadth", "broadening", "speculation_appetite")})
    cell = table.item(0, COLUMNS.index("Used by"))
    assert cell.text() == "breadth, broadening +1"
    assert cell.toolTip() == "Read by: breadth, broadening, speculation_appetite"
