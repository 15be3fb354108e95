"""Every write of the events app; views, the API, commands and due jobs call these."""
