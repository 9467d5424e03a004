"""The command line: one module per sub-command, each thin (parse, call the pipeline, print).

Each module has `add_parser(subparsers)` and a `run(args) -> exit code`; `desktop.app` registers
them. `data`: import, refresh, status, reset-db; `signals`: readings at a date; `allocate`: the
suggested portfolio as CSV. Errors are printed as one plain sentence on stderr with a documented
exit code, never a traceback.

check       evaluate the portfolio's alert rules once (exit 0 quiet, 1 fired, 2 error).
alerts      `alert add|list|remove|log`: the alert rules and what they fired.
history     the saved suggestions scored against what followed; `history save` at a date.
portfolio   `portfolio list|create`: the model portfolios.
scope       --db and --portfolio (global options), the portfolio's holdings, typed errors.
"""
