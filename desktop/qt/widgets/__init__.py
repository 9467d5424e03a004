"""Every widget and tab of the window; each renders state and calls its controller."""
