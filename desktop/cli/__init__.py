"""The command line: one module per sub-command, each thin (parse, call the pipeline, print).

Each module has `add_parser(subparsers)` and a `run(args) -> exit code`; `desktop.app` registers
them. `data`: import, refresh, status, reset-db; `signals`: readings at a date; `allocate`: the
suggested portfolio as CSV. Errors are printed as one plain sentence on stderr with a documented
exit code, never a traceback.
"""
