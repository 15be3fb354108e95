"""Pure-Python analysis layer (MCDA, geography, finance, OSM extraction); never imports Django."""
