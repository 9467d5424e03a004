"""Signal cards show their whole sentence, however long, and share a row's height."""

from desktop.advice.state import Card
from desktop.qt.widgets.dashboard import SENTENCE_LINES, Dashboard
from desktop.qt.widgets.palette import LIGHT

LONG = (
    "IWM holds its 2025-09-11 breakout (223 sessions ago) above its 2024-11-25 high (+24.2 % vs "
    "that level), ending a 3.8-year base that began at the 2021-11-08 top, while the Russell "
    "2000 leads the S&P 500 by 9.2 points this year."
)


def _card(name: str, sentence: str) -> Card:
    return Card(name, name.title(), "small caps", 0.4, sentence, "2026-08-03", False)


def test_a_long_sentence_is_shown_whole_and_a_short_card_matches_its_neighbour(qtbot):
    dashboard = Dashboard()
    qtbot.addWidget(dashboard)
    dashboard.resize(1000, 600)
    dashboard.show()
    dashboard.render((_card("long", LONG), _card("short", "IWM is up.")), LIGHT)
    qtbot.waitUntil(lambda: dashboard.cards["long"].sentence.text().count("\n") >= 3)
    shown = dashboard.cards["long"].sentence.text()
    assert "…" not in shown and " ".join(shown.split()) == LONG
    long_card, short_card = dashboard.cards["long"], dashboard.cards["short"]
    qtbot.waitUntil(lambda: short_card.height() == long_card.height())


def test_only_a_sentence_beyond_the_line_limit_is_cut(qtbot):
    dashboard = Dashboard()
    qtbot.addWidget(dashboard)
    dashboard.resize(400, 600)
    dashboard.show()
    endless = " ".join([LONG] * 6)
    dashboard.render((_card("endless", endless),), LIGHT)
    label = dashboard.cards["endless"].sentence
    qtbot.waitUntil(lambda: label.text().count("\n") == SENTENCE_LINES - 1)
    assert label.text().endswith("…")
    assert dashboard.cards["endless"].accessibleDescription() == endless


def test_a_score_that_rounds_to_zero_never_reads_minus_zero(qtbot):
    dashboard = Dashboard()
    qtbot.addWidget(dashboard)
    card = Card("tiny", "Tiny", "small caps", -0.001, "Flat.", "2026-08-03", False)
    dashboard.render((card,), LIGHT)
    assert "+0.00" in dashboard.cards["tiny"].score.text()
    assert "-0.00" not in dashboard.cards["tiny"].accessibleName()


def test_a_card_carries_one_line_of_its_record_once_the_engine_has_it(qtbot):
    from dataclasses import replace

    record = (
        "Since 2003, when high: Small caps (IWM vs SPY, QQQ) -0.1 % the next month, 51 cases, "
        "t -0.4: noise"
    )
    dashboard = Dashboard()
    qtbot.addWidget(dashboard)
    dashboard.resize(1000, 600)
    dashboard.show()
    dashboard.render((_card("breakout", "IWM is up."),), LIGHT)
    card = dashboard.cards["breakout"]
    assert not card.record.isVisibleTo(card)
    dashboard.render((replace(_card("breakout", "IWM is up."), record=record),), LIGHT)
    qtbot.waitUntil(lambda: " ".join(card.record.text().split()) == record)
    assert card.record.isVisibleTo(card) and card.record.font().italic()
    assert f"Its record: {record}" in card.toolTip()
    assert card.accessibleDescription() == f"IWM is up. {record}"
