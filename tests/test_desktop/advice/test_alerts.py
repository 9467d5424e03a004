"""Alert rules and their evaluation: each event fires once, again only after it went away."""

from datetime import date

import pytest

from desktop.advice.alerts.drift import DRIFTED, Drift
from desktop.advice.alerts.evaluation import AlertFacts, business_days_old, evaluate, zone_of
from desktop.advice.alerts.rules import AlertKind, AlertRule, AlertRuleError, check_rule, make_rule

SIGNALS = ("breadth", "dollar")
THEMES = ("small_caps", "gold")
DAY = date(2026, 1, 15)


def facts(breadth=0.1, small_caps=0.2, *, stale=(), drift=None, today=DAY, last=DAY):
    return AlertFacts(
        as_of=DAY,
        today=today,
        data_last_date=last,
        scores={"breadth": breadth, "dollar": 0.0},
        stale_signals=frozenset(stale),
        views={"small_caps": small_caps, "gold": -0.1},
        drift=drift,
    )


def run(rule, sequence, state=None):
    """Evaluate `rule` (id 1) on each facts in turn; the number of events at each step."""
    rule = rule.with_id(1)
    fired = []
    for step in sequence:
        evaluation = evaluate([rule], step, {} if state is None else {1: state})
        state = evaluation.states.get(1, state)
        fired.append(len(evaluation.events))
    return fired


def test_a_level_rule_fires_when_crossed_then_stays_quiet_until_it_rearms():
    rule = make_rule("below", "breadth", 0.0)
    scores = [0.2, -0.1, -0.5, 0.3, -0.2]
    assert run(rule, [facts(s) for s in scores]) == [0, 1, 0, 0, 1]


def test_a_rule_added_while_its_condition_holds_fires_at_the_first_check():
    evaluation = evaluate([make_rule("below", "breadth", 0.0).with_id(7)], facts(-0.75), {})
    (event,) = evaluation.events
    assert event.rule_id == 7 and event.value == -0.75
    assert event.message == "breadth is below +0.00 on 2026-01-15: it reads -0.75."
    assert evaluation.states == {7: "on"}


def test_above_is_strict():
    assert run(make_rule("above", "breadth", 0.5), [facts(0.5), facts(0.51)]) == [0, 1]


def test_a_zone_rule_fires_on_every_change_of_zone_but_not_on_the_first_check():
    scores = [0.5, 0.4, 0.1, -0.31, -0.9, 0.31]
    assert [zone_of(s) for s in scores] == ["high", "high", "neutral", "low", "low", "high"]
    assert run(make_rule("zone", "breadth"), [facts(s) for s in scores]) == [0, 0, 1, 1, 0, 1]


def test_a_view_sign_rule_ignores_a_view_of_zero_in_between():
    views = [0.0, 0.3, 0.0, 0.2, -0.1, 0.0, -0.4, 0.5]
    fired = run(make_rule("view_sign", "small_caps"), [facts(small_caps=v) for v in views])
    assert fired == [0, 0, 0, 0, 1, 0, 0, 1]


def test_drift_fires_beyond_the_band_and_says_which_asset():
    drift = Drift("IWM", 13.1, 6.9, 6.2, DRIFTED, "2025-12-01")
    rule = make_rule("drift").with_id(3)
    assert rule.level == 5.0
    (event,) = evaluate([rule], facts(drift=drift), {}).events
    assert "6.2 pts" in event.message and "IWM is 13.1 %" in event.message
    small = Drift("IWM", 8.0, 6.9, 1.1, DRIFTED, "2025-12-01")
    assert run(rule, [facts(drift=small), facts(drift=drift), facts(drift=drift)]) == [0, 1, 0]


def test_drift_without_a_saved_suggestion_is_skipped_and_keeps_its_state():
    evaluation = evaluate([make_rule("drift").with_id(3)], facts(), {3: "on"})
    assert evaluation.events == () and dict(evaluation.states) == {}
    assert evaluation.skipped == ((3, evaluation.skipped[0][1]),)
    assert "save one first" in evaluation.skipped[0][1]


def test_stale_data_counts_business_days_to_today():
    friday, monday_after_next = date(2026, 1, 16), date(2026, 1, 26)
    assert business_days_old(friday, monday_after_next) == 6
    rule = make_rule("stale")
    assert rule.level == 5
    fresh = facts(last=friday, today=date(2026, 1, 23))
    old = facts(last=friday, today=monday_after_next)
    assert run(rule, [fresh, old, old]) == [0, 1, 0]


def test_a_signals_stale_reading_fires_once():
    rule = make_rule("stale", "dollar")
    assert run(rule, [facts(), facts(stale={"dollar"}), facts(stale={"dollar"})]) == [0, 1, 0]


def test_a_rule_whose_signal_is_gone_is_skipped():
    evaluation = evaluate([AlertRule(AlertKind.ZONE, "retired", id=4)], facts(), {})
    assert evaluation.skipped[0][0] == 4 and "not computed" in evaluation.skipped[0][1]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (make_rule("below", "breadht", 0), "no signal 'breadht': use one of breadth, dollar"),
        (make_rule("below", "", 0), "Name the signal"),
        (make_rule("below", "breadth", 1.5), "from -1 to 1"),
        (make_rule("view_sign", "smallcaps"), "no theme 'smallcaps'"),
        (make_rule("drift", level=0), "percentage points"),
        (make_rule("stale", level=0), "business days"),
        (make_rule("below", "breadth", float("nan")), "finite"),
    ],
)
def test_bad_rules_are_refused_with_what_to_write(rule, message):
    with pytest.raises(AlertRuleError, match=message):
        check_rule(rule, known_signals=SIGNALS, known_themes=THEMES)


def test_an_unknown_kind_lists_the_kinds():
    with pytest.raises(AlertRuleError, match="below, above, zone, view_sign, drift, stale"):
        make_rule("under", "breadth")


def test_descriptions_read_as_sentences():
    assert make_rule("below", "breadth", 0).description == "breadth below +0.00"
    assert make_rule("view_sign", "gold").description == "the gold view changes sign"
    assert "more than 5.0 pts" in make_rule("drift").description
    assert make_rule("stale", "dollar").description == "dollar's reading goes stale"
