"""One controller per tab that shows data, each owning that tab's requests (pyapp-kit/ndv's model).

A widget never opens a store, reads a file or calls the engine: it calls its controller and
renders what the controller's signals bring. The controllers share the window's controller
(`desktop.qt.controller.Controller`: the state, the jobs' lanes and the undo stack) and run every
request on a lane, where a newer request for the same key supersedes an older one:

- `charts.ChartsController` asks the engine for the chart book (`Engine.chart_book`, built from
  the data and score histories the engine already holds), on the solver lane;
- `data.DataController`: series statuses, CSV import, online refresh with progress and cancel,
  macro releases with Undo (`desktop.engine.data_service`), on the I/O lane;
- `history.HistoryController`: saved suggestions, restore, delete with undo on the undo stack,
  CSV export (`desktop.engine.history_service`), on the I/O lane; their score against what
  followed (`Engine.journal`), on the solver lane;
- `universe.UniverseController`: reads and saves the shown portfolio's universe file, on the
  I/O lane;
- `alerts.AlertsController` (one per window, `alerts.shared`): alert rules with undo and the log
  (`desktop.engine.alert_service`) on the I/O lane, checks (`Engine.check_alerts`) on the solver
  lane after the first answer, every data change and every switch of portfolio;
- `tilts.TiltsController`: the shown portfolio's tilt table as a form with undo, validated as
  edited, read and saved on the I/O lane;
- `portfolios.PortfolioController` (the switcher, not a tab): lists and creates portfolios on the
  I/O lane and switches through `Controller.set_portfolio`.

After a change on disk each one asks the window's controller to reload (`data_updated`).
"""
