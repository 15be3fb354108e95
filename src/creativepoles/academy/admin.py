"""Admin of the academy's editions (the managers set up the call, rubric and country rules here)."""

from django.contrib import admin

from creativepoles.academy.models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin[Edition]):
    """Editions: year, host city, dates, places, call, deadline, rubric and country rules."""

    list_display = ["title", "year", "city", "capacity", "deadline_date", "is_published"]
