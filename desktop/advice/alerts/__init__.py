"""Alert rules and their evaluation at a date, each event once.

Pure; drift from a saved suggestion and buy-and-hold weights.
"""
