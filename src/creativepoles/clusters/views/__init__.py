"""Clusters pages."""
