"""Events: the marketing and events concept, campaigns per city, events with registration and feeds."""
