"""Each signal's and theme's record from the data known at a date.

Pure: vectorised histories, theme-trade returns, rank ICs with t-stats, record lines.
"""
