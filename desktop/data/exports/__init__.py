"""Files the app writes for the user: CSVs, atomically, never a formula."""
