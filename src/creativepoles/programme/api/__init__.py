"""REST API of the programme app: projects, money, spending, reports, indicators, charter, pilots."""
