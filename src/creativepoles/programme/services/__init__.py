"""Every write of the programme app; views, API and commands call these."""
