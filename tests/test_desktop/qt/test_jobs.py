"""Background jobs: results come back on the GUI thread, superseded ones never reach the screen."""

import threading

import pytest

from desktop.qt.jobs import JobCancelled, Jobs, Lane


@pytest.fixture
def jobs(qtbot):
    runner = Jobs()
    yield runner
    runner.shutdown()


def test_result_is_delivered_on_the_gui_thread(qtbot, jobs):
    seen = []
    with qtbot.waitSignal(jobs.busy_changed, check_params_cb=lambda busy: not busy):
        jobs.submit("solve", Lane.SOLVER, threading.get_ident, on_result=seen.append)
    worker = seen[0]
    assert worker != threading.get_ident()
    results = []
    with qtbot.waitSignal(jobs.busy_changed, check_params_cb=lambda busy: not busy):
        jobs.submit("solve", Lane.SOLVER, lambda: threading.get_ident(), on_result=results.append)
    assert results == [worker]  # the same single thread owns the solver lane


def test_a_burst_of_requests_shows_only_the_last_answer(qtbot, jobs):
    gate = threading.Event()
    ran, shown = [], []

    def work(i):
        gate.wait(5)
        ran.append(i)
        return i

    for i in range(5):
        jobs.submit("solve", Lane.SOLVER, lambda i=i: work(i), on_result=shown.append)
    gate.set()
    qtbot.waitUntil(lambda: not jobs.busy)
    assert shown == [4]
    # at most the first (if it had started) and the last ran: queued superseded ones were skipped
    assert ran[-1] == 4 and len(ran) <= 2


def test_errors_reach_the_error_callback(qtbot, jobs):
    errors = []

    def boom():
        raise ValueError("no prices for IWM")

    jobs.submit("load", Lane.IO, boom, on_result=lambda _: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "no prices for IWM"


def test_errors_without_a_callback_are_emitted_not_swallowed(qtbot, jobs):
    def boom():
        raise OSError("disk full")

    with qtbot.waitSignal(jobs.failed) as blocker:
        jobs.submit("export", Lane.IO, boom, on_result=lambda _: None)
    assert blocker.args[0] == "export" and isinstance(blocker.args[1], OSError)


def test_cancel_stops_a_job_between_steps_and_drops_its_result(qtbot, jobs):
    started, results = threading.Event(), []

    def refresh(context):
        started.set()
        for _ in range(500):
            context.check()
            context.cancel_event.wait(0.01)
        return "finished"

    jobs.submit("refresh", Lane.IO, refresh, on_result=results.append, with_context=True)
    assert started.wait(5)
    jobs.cancel("refresh")
    qtbot.waitUntil(lambda: not jobs.busy)
    assert results == []


def test_progress_is_reported_with_the_job_key(qtbot, jobs):
    def refresh(context):
        context.report(0.5, "IWM")
        return None

    with qtbot.waitSignal(jobs.progressed) as blocker:
        jobs.submit("refresh", Lane.IO, refresh, on_result=lambda _: None, with_context=True)
    assert blocker.args == ["refresh", 0.5, "IWM"]


def test_synchronous_mode_runs_inline():
    jobs = Jobs(synchronous=True)
    seen = []
    jobs.submit("solve", Lane.SOLVER, threading.get_ident, on_result=seen.append)
    assert seen == [threading.get_ident()] and not jobs.busy


def test_cancelled_exception_is_not_reported_as_a_failure():
    jobs = Jobs(synchronous=True)
    errors = []

    def stop():
        raise JobCancelled("refresh")

    jobs.submit("refresh", Lane.IO, stop, on_result=errors.append, on_error=errors.append)
    assert errors == []
