"""Tilt a model portfolio toward signal views with a compiled cvxpy problem."""
