"""The build-time generator of the bundled synthetic demo data (not part of the app)."""
