"""Market signals from the research notes: pure functions of prices and macro releases.

`REGISTRY` is a plain tuple of `SignalSpec`, in display order.
"""

from signals.inputs import SignalInputs
from signals.reading import Reading

__all__ = ["Reading", "SignalInputs"]
