"""Guards against Qt binding releases known to crash the app."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_signal_emit_does_not_leak_references_to_true(qtbot):
    """PySide6 6.12.0 released a reference to Py_True on every emit; on Python 3.11 the app then
    aborted with "Fatal Python error: bool_dealloc" after enough slider moves."""
    emitter = _Emitter()
    received = []
    emitter.changed.connect(received.append)
    emitter.changed.emit(0)
    before = sys.getrefcount(True)
    for value in range(2000):
        emitter.changed.emit(value)
    assert len(received) == 2001
    assert sys.getrefcount(True) >= before - 10
