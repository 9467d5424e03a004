"""Bundled, read-only resources: default universe, tilt mapping, demo data, icons."""
