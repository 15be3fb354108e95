"""Lesson Markdown to safe HTML: markdown-it renders (raw HTML off), nh3 (ammonia) keeps only an allow-list.

Two layers, so a parser quirk that lets markup through still meets the sanitiser: no script, no event
handler attribute, no javascript: or data: link survives, whatever a lesson (or an imported cartridge) holds.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote", "ul",
        "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"style"}, "td": {"style"},
              "ol": {"start"}}
SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """Keep only safe tags, attributes and URL schemes of any HTML (imported web content, rendered Markdown)."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel="noopener noreferrer",
                     strip_comments=True)


def render(text: str) -> str:
    """Markdown as sanitised HTML, safe to mark safe in a template."""
    return clean_html(_parser.render(text or ""))
