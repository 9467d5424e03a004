"""Properties of the tilt that must hold for any views and any feasible settings.

One compiled problem serves every example, as in the app: hypothesis only writes new
Parameter values. Bounds are drawn around the model weights, so every example is feasible.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from allocator import Settings, Source, TiltProblem
from tests.test_allocator.universes import make_inputs

INPUTS = make_inputs(8, seed=3)
PROBLEM = TiltProblem(INPUTS.tickers, INPUTS.asset_classes)
N = INPUTS.n
TOL = 1e-6

alphas = st.lists(st.floats(-0.08, 0.08), min_size=N, max_size=N).map(np.array)


@st.composite
def feasible_settings(draw) -> Settings:
    """Knobs whose limits all contain the model portfolio (so d = 0 is feasible)."""
    wb = INPUTS.w_bench
    lo = [draw(st.floats(0.0, 1.0)) * w for w in wb]
    hi = [w + draw(st.floats(0.0, 1.0)) * (1 - w) for w in wb]
    class_w = {c: wb[np.array(INPUTS.asset_classes) == c].sum() for c in set(INPUTS.asset_classes)}
    class_bounds = {c: (w * draw(st.floats(0.5, 1.0)), min(1.0, w * draw(st.floats(1.0, 2.0))))
                    for c, w in class_w.items()}  # fmt: skip
    return Settings(
        gamma_risk=draw(st.floats(0.5, 20.0)),
        kappa=draw(st.floats(0.0, 0.005)),
        max_te=draw(st.floats(0.002, 0.08)),
        max_active=draw(st.floats(0.005, 0.3)),
        asset_bounds=dict(zip(INPUTS.tickers, zip(lo, hi, strict=True), strict=True)),
        class_bounds=class_bounds,
    )


def _solve(knobs: Settings, alpha: np.ndarray):
    allocation = PROBLEM.solve(INPUTS, knobs, alpha, strict=True)
    assert allocation.source == Source.OPTIMAL
    return allocation


@settings(max_examples=40, deadline=None)
@given(knobs=feasible_settings(), alpha=alphas)
def test_weights_are_fully_invested_and_within_every_limit(knobs, alpha):
    a = _solve(knobs, alpha)
    w, classes = a.weights, np.array(INPUTS.asset_classes)
    assert abs(w.sum() - 1) < 1e-9 and (w >= 0).all()
    for i, t in enumerate(INPUTS.tickers):
        lo, hi = knobs.asset_bounds[t]
        assert lo - TOL <= w[i] <= hi + TOL
    for c, (lo, hi) in knobs.class_bounds.items():
        assert lo - TOL <= w[classes == c].sum() <= hi + TOL
    assert np.abs(a.active).max() <= knobs.max_active + TOL
    assert a.tracking_error <= knobs.max_te + TOL
    np.testing.assert_allclose(a.active, w - INPUTS.w_bench, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(knobs=feasible_settings())
def test_zero_views_give_back_the_model_portfolio(knobs):
    a = _solve(knobs, np.zeros(N))
    np.testing.assert_allclose(a.weights, INPUTS.w_bench, atol=1e-6)
    assert a.tracking_error < 1e-6


@settings(max_examples=20, deadline=None)
@given(knobs=feasible_settings(), shift=st.floats(-1.0, 1.0))
def test_the_same_view_on_every_asset_changes_nothing(knobs, shift):
    """Σd = 0, so adding a constant to alpha leaves the objective's ranking unchanged."""
    a = _solve(knobs, np.full(N, shift))
    np.testing.assert_allclose(a.weights, INPUTS.w_bench, atol=1e-6)


# Monotonicity. For a concave objective alpha·d - f(d) over a convex set, optimality of d1
# for alpha1 and of d2 for alpha2 gives (alpha1 - alpha2)·(d1 - d2) >= 0, whatever the
# convex constraints (TE cap, bounds) and convex penalties (L1 turnover) are, provided the
# optimum is unique (gamma_risk > 0 and F full rank make it so). Hence:
#   * raising asset i's alpha alone never lowers w_i;
#   * raising a theme's view, alpha += δ·b, never lowers the theme exposure b·d — but a
#     single asset the theme buys CAN fall if another of its assets rises more.
# The tolerance allows for the interior-point solver's accuracy.
MONO_TOL = 2e-5


@settings(max_examples=30, deadline=None)
@given(
    knobs=feasible_settings(),
    alpha=alphas,
    i=st.integers(0, N - 1),
    bump=st.floats(0.001, 0.1),
)
def test_raising_an_assets_alpha_never_lowers_its_weight(knobs, alpha, i, bump):
    before = _solve(knobs, alpha).weights[i]
    raised = alpha.copy()
    raised[i] += bump
    assert _solve(knobs, raised).weights[i] >= before - MONO_TOL


@settings(max_examples=30, deadline=None)
@given(
    knobs=feasible_settings(),
    alpha=alphas,
    buys=st.sets(st.integers(0, N - 1), min_size=1, max_size=2),
    view=st.floats(-1.0, 1.0),
    bump=st.floats(0.05, 1.0),
)
def test_raising_a_themes_view_never_lowers_its_exposure(knobs, alpha, buys, view, bump):
    funders = [j for j in range(N) if j not in buys][:2]
    b = np.zeros(N)
    b[list(buys)] = 1.0 / len(buys)
    b[funders] = -1.0 / len(funders)
    scale = 0.03  # annualised alpha per unit of view
    low = _solve(knobs, alpha + scale * view * b).active @ b
    high = _solve(knobs, alpha + scale * (view + bump) * b).active @ b
    assert high >= low - MONO_TOL
