"""Ingestion: files in many formats become Documents, then Passages, then library rows."""
