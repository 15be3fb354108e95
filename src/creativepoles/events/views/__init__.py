"""Events pages."""
