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
  CSV export (`desktop.engine.history_service`), on the I/O lane;
- `universe.UniverseController`: reads and saves the universe file, on the I/O lane.

After a change on disk each one asks the window's controller to reload (`data_updated`).
"""
