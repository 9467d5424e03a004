"""The engine: the worker that owns the data and the compiled problem, and the composition root.

    pipeline = Pipeline.open(db_path, portfolio=name)  # user files + data, Advisor compiled
    answer = pipeline.advise(pipeline.snapshot(as_of), knobs, holdings)

`pipeline.Pipeline` assembles the advice pipeline once for the window (through `Engine`), every
command and the backtest, so they give the same answer for the same data, date and knobs.
`engine.Engine` holds one data source, one `Advisor` and its snapshot for the window and turns
them into the frozen, picklable values the window shows (Loaded, Computed, Solved); it is used
from one thread. `process.EngineProcess` runs the same API in a process of its own (the window
and the solves use both cores); `charts` builds what the Charts tab draws from the score
histories the engine keeps (`Engine.chart_book`). `data_service.DataService` (statuses, import,
refresh, macro releases) and `history_service.HistoryService` (saved suggestions) are what the
Data and History tabs' controllers call on the window's I/O lane. `alerting.check_alerts`
checks a portfolio's alert rules at a date (after a refresh or import, and for `check`);
`journaling.journal` scores its saved suggestions (the History record and `history`). No Qt here.
"""
