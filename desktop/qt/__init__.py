"""The Qt shell: the only wing that imports PySide6 or pyqtgraph.

`launch.run_gui` starts the engine's process, then Qt (`application`: QApplication, main window,
loading after the first frame). `controller.Controller` owns the window's `AppState`, turns user
intents into jobs (`jobs`: lanes, generation numbers, superseded results dropped) and the undo
stack; `controllers/` holds one controller per tab that shows data (charts, data, history,
universe), which share them. Widgets (`widgets/`) render what their controller says and call
it, never a store, a file, the engine or a lane (an import-linter contract). `self_test`
proves an installed app works end to end; `session_store` keeps the last state between runs.
"""
