"""What the Charts tab draws: score zones, ratios, breakouts, prices, RRG rotation (pure)."""
