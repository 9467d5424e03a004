"""Saved suggestions and their scores against what followed (pure)."""
