"""The clusters taxonomy: creative groups and the tags of offers and requests.

Tags are keys, the same in every language, so two firms writing in Lithuanian and German still match on
them; their labels are translated. Groups follow the creative-industry groups the atlas uses.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

GROUPS = (
    ("architecture", _("Architecture")),
    ("visual-arts", _("Visual arts and photography")),
    ("crafts", _("Crafts")),
    ("design", _("Design and fashion")),
    ("film-video", _("Film and video")),
    ("music", _("Music")),
    ("performing-arts", _("Performing arts")),
    ("publishing", _("Publishing and printing")),
    ("software-games", _("Software and games")),
    ("advertising", _("Advertising and marketing")),
    ("heritage", _("Heritage and museums")),
)
CRAFT_TAGS = (
    ("photography", _("Photography")),
    ("video", _("Video and film production")),
    ("web", _("Websites and programming")),
    ("graphic", _("Graphic design and branding")),
    ("music", _("Music and sound")),
    ("furniture", _("Furniture and carpentry")),
    ("fashion", _("Fashion and tailoring")),
    ("games", _("Games and gamification")),
    ("architecture", _("Architecture and interiors")),
    ("printing", _("Printing and books")),
    ("events", _("Event organisation")),
    ("translation", _("Translation and localisation")),
)
MARKET_TAGS = (
    ("tourism", _("Tourism")),
    ("food", _("Food and restaurants")),
    ("festivals", _("Festivals and concerts")),
    ("museums", _("Museums and exhibitions")),
    ("sport", _("Sport")),
    ("education", _("Education")),
)
TAGS = CRAFT_TAGS + MARKET_TAGS
TAG_LABELS = dict(TAGS)
GROUP_LABELS = dict(GROUPS)
LANGUAGES = (
    ("en", _("English")), ("de", _("German")), ("lt", _("Lithuanian")), ("pl", _("Polish")), ("sv", _("Swedish")),
    ("et", _("Estonian")), ("ru", _("Russian")),
)
