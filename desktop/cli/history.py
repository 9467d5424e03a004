"""`rotation-advisor history`: the portfolio's saved suggestions scored against what followed;
`history save`: save the suggestion at a date, as the window's Save does.

What the score means and the exit codes: DESCRIPTION below, which --help prints.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

DESCRIPTION = """\
Each saved suggestion is scored from its as-of date to the next saved suggestion's (the newest:
to the data's last date): its return held since then, the model's, the difference (active, in
percentage points over the period), and each theme's call, right when the theme's trade moved
the way the view said. The last line chains them into one record against the model.

Exit codes: 0 done; 2 bad input (date, database, files), nothing saved.
"""
EXIT_BAD_INPUT = 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from desktop.cli.scope import add_scope_options

    parser = subparsers.add_parser(
        "history",
        help="score the saved suggestions against what followed; save one",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print the record as JSON")
    parser.set_defaults(run=run, action_run=_show)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    save = actions.add_parser("save", help="save the suggestion at a date (default knobs)")
    save.add_argument("--as-of", metavar="YYYY-MM-DD", help="default: the data's last date")
    save.add_argument("--note", default="", help="a note kept with it")
    save.add_argument("--json", action="store_true", help="print what was saved as JSON")
    add_scope_options(save)
    save.set_defaults(action_run=_save)


def run(args: argparse.Namespace) -> int:
    from desktop.cli.scope import command_errors, db_path
    from desktop.data.market.db_errors import translated_errors

    try:
        with translated_errors(db_path(args)):
            return args.action_run(args)
    except command_errors() as exc:
        print(f"rotation-advisor history: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _show(args: argparse.Namespace) -> int:
    from desktop.cli.scope import db_path, portfolio_name
    from desktop.data.history import open_history
    from desktop.engine.journaling import journal
    from desktop.engine.pipeline import Pipeline

    path, name = db_path(args), portfolio_name(args)
    saved = open_history(path, name).list() if path.exists() else []
    pipeline = Pipeline.open(path, portfolio=name)
    report = journal(pipeline, saved)
    if args.json:
        print(json.dumps(_json(report, name, pipeline.label), indent=2))
    else:
        print(f"Saved suggestions of the portfolio {name!r}, scored on {pipeline.label}")
        print("\n".join(score_line(s) for s in report.scores))
        print(report.summary.text)
    return 0


def _save(args: argparse.Namespace) -> int:
    from desktop.advice.journal.suggestion import suggestion_from_advice
    from desktop.advice.knobs import Knobs
    from desktop.cli.scope import db_path, portfolio_name
    from desktop.data.history import open_history
    from desktop.engine.pipeline import Pipeline

    path, name = db_path(args), portfolio_name(args)
    pipeline = Pipeline.open(path, portfolio=name)
    answer = pipeline.advise(pipeline.snapshot(args.as_of), Knobs())
    suggestion = suggestion_from_advice(answer.advice, answer.table, Knobs(), pipeline.label)
    saved = open_history(path, name).save(suggestion, args.note)
    moved = sorted(suggestion.weights, key=lambda w: -abs(w.active_pts))[:3]
    tilts = ", ".join(f"{w.ticker} {w.active_pts:+.2f} pts" for w in moved)
    if args.json:
        print(json.dumps({"id": saved.id, "as_of": suggestion.as_of, "portfolio": name}))
    else:
        print(f"Saved #{saved.id} as of {suggestion.as_of} in {name!r} (largest tilts: {tilts})")
    return 0


def score_line(s) -> str:
    """One suggestion's record in words: a line, and its theme calls on a second one."""
    if not s.counts:
        return f"#{s.id} {s.as_of}  {s.status}: {s.note}"
    verdict = "ahead" if s.ahead else "behind"
    running = ", running" if s.status == "running" else ""
    line = (
        f"#{s.id} {s.as_of} to {s.end} ({s.days} days{running}): {s.return_pct:+.2f} % against "
        f"the model's {s.model_return_pct:+.2f} %, active {s.active_pts:+.2f} pts, {verdict}"
    )
    made = [c for c in s.calls if c.right is not None]
    if not made:
        return line
    right = ", ".join(f"{c.theme} {c.view:+.2f}" for c in made if c.right) or "none"
    wrong = ", ".join(f"{c.theme} {c.view:+.2f}" for c in made if not c.right) or "none"
    return f"{line}\n    calls right: {right}; wrong: {wrong}"


def _json(report, portfolio: str, label: str) -> dict:
    s = report.summary
    summary = {
        "saved": s.saved, "counted": s.counted, "since": s.since, "until": s.until,
        "years": round(s.years, 3), "followed_pct": _num(s.followed_pct),
        "model_pct": _num(s.model_pct), "active_total_pct": _num(s.active_total_pct),
        "active_per_year_pct": _num(s.active_per_year_pct), "ahead": s.ahead,
        "calls": s.calls, "calls_right": s.calls_right, "t_stat": _num(s.t_stat), "text": s.text,
    }  # fmt: skip
    return {
        "portfolio": portfolio,
        "source": label,
        "summary": summary,
        "suggestions": [_score_json(score) for score in report.scores],
    }


def _score_json(s) -> dict:
    return {
        "id": s.id, "as_of": s.as_of, "status": s.status, "end": s.end, "days": s.days,
        "return_pct": _num(s.return_pct), "model_return_pct": _num(s.model_return_pct),
        "active_pts": _num(s.active_pts), "ahead": s.ahead, "note": s.note,
        "calls": [
            {"theme": c.theme, "view": round(c.view, 4),
             "trade_return_pct": _num(c.trade_return_pct), "right": c.right}
            for c in s.calls
        ],
    }  # fmt: skip


def _num(value: float) -> float | None:
    """JSON has no NaN: an unknown figure is null."""
    return round(value, 4) if math.isfinite(value) else None
