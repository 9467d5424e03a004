"""The walk-forward backtest of the app's own advice.

Pure: calibration, costs, statistics, chart series and sweeps over settings.
"""
