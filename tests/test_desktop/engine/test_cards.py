"""Dashboard cards as the engine makes them: titles name what a positive score favours."""

from desktop.engine.engine import Engine


def test_the_dollar_card_is_titled_weak_dollar_and_others_keep_their_names(tmp_path):
    engine = Engine(tmp_path / "none.db")
    engine.load()
    cards = {c.name: c for c in engine.compute_signals().cards}
    assert cards["dollar"].title == "Weak dollar"
    assert cards["small_cap_rsi"].title == "Small cap RSI"
