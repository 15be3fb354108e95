"""Learning pages."""
