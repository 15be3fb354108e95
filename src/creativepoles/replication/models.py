"""Replication records."""
