"""Every write of the clusters module, and the reads other modules may use."""
