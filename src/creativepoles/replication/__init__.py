"""Replication: a new city onboarded from open data, and the method package another network imports."""
