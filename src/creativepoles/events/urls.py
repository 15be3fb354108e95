"""Events pages and feeds."""

from django.urls import path

from creativepoles.events.views import campaigns, organise, public

app_name = "events"
urlpatterns = [
    path("events/", public.calendar, name="calendar"),
    path("events/feed.ics", public.feed_all, name="feed-all"),
    path("events/cities/<slug:slug>/feed.ics", public.feed_city, name="feed-city"),
    path("events/campaigns/<int:pk>/feed.ics", public.feed_campaign, name="feed-campaign"),
    path("events/feeds/<str:token>.ics", public.feed_personal, name="feed-personal"),
    path("events/my-feed/", public.my_feed, name="my-feed"),
    path("events/new/", organise.event_form, name="event-create"),
    path("events/<int:pk>/", public.event_detail, name="event-detail"),
    path("events/<int:pk>/register/", public.event_register, name="event-register"),
    path("events/<int:pk>/edit/", organise.event_form, name="event-edit"),
    path("events/<int:pk>/cancel/", organise.event_cancel, name="event-cancel"),
    path("events/<int:pk>/attendees/", organise.attendees, name="attendees"),
    path("events/<int:pk>/attendees.<slug:fmt>", organise.attendees_export, name="attendees-export"),
    path("events/<int:pk>/check-in/", organise.check_in_scanner, name="check-in"),
    path("events/registrations/<str:code>/", public.registration_page, name="registration"),
    path("events/registrations/<str:code>/cancel/", public.registration_cancel, name="registration-cancel"),
    path("events/campaigns/", campaigns.campaign_list, name="campaign-list"),
    path("events/campaigns/new/", campaigns.campaign_form, name="campaign-create"),
    path("events/campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("events/campaigns/<int:pk>/edit/", campaigns.campaign_form, name="campaign-edit"),
    path("events/concept/", campaigns.concept, name="concept"),
    path("events/concept/new/", campaigns.concept_create, name="concept-create"),
    path("events/concept/<int:pk>/", campaigns.concept_version, name="concept-version"),
    path("events/concept/<int:pk>/approve/", campaigns.concept_approve, name="concept-approve"),
]
