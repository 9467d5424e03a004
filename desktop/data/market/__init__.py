"""The market database (MarketStore): schema, typed errors, importers, quality, fetch."""
