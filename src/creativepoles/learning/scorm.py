"""SCORM 1.2 package of the course: one SCO per lesson, each page finding the LMS's API in a parent frame."""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import Element, SubElement, tostring

from creativepoles.learning.cartridge import ExportModule, lesson_page

SCORM_CP_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# The runtime every SCO page loads: find `API` in the parent frames (then the opener), start the session,
# and on "done" (or leaving the page) report completion, commit and finish. Written for SCORM 1.2's API only.
RUNTIME_JS = """(function () {
  "use strict";
  function findAPI(win) {
    var tries = 0;
    while (win && !win.API && win.parent && win.parent !== win && tries < 10) { win = win.parent; tries += 1; }
    return win && win.API ? win.API : null;
  }
  var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  var finished = false;
  function status(text) {
    var show = function () { var el = document.getElementById("scorm-status"); if (el) { el.textContent = text; } };
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", show); } else { show(); }
  }
  if (api) { api.LMSInitialize(""); status("connected"); } else { status("no LMS"); }
  function finish(lessonStatus) {
    if (!api || finished) { return; }
    finished = true;
    api.LMSSetValue("cmi.core.lesson_status", lessonStatus);
    api.LMSCommit("");
    api.LMSFinish("");
    status(lessonStatus);
  }
  window.scormDone = function () { finish("completed"); };
  window.addEventListener("pagehide", function () { finish("incomplete"); });
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("scorm-done");
    if (button) { button.addEventListener("click", window.scormDone); }
  });
}());
"""


def write_scorm(title: str, modules: list[ExportModule], identifier: str = "creativepoles-course") -> bytes:
    """The course's lessons as a SCORM 1.2 zip with imsmanifest.xml at its root (quizzes stay in the cartridge)."""
    manifest = Element("manifest", {
        "identifier": identifier, "version": "1.0", "xmlns": SCORM_CP_NS, "xmlns:adlcp": ADLCP_NS,
        "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{SCORM_CP_NS} imscp_rootv1p1p2.xsd {ADLCP_NS} adlcp_rootv1p2.xsd"})
    metadata = SubElement(manifest, "metadata")
    SubElement(metadata, "schema").text = "ADL SCORM"
    SubElement(metadata, "schemaversion").text = "1.2"
    organizations = SubElement(manifest, "organizations", {"default": "org_1"})
    organization = SubElement(organizations, "organization", {"identifier": "org_1"})
    SubElement(organization, "title").text = title
    resources = SubElement(manifest, "resources")
    files: dict[str, bytes] = {"scorm.js": RUNTIME_JS.encode("utf-8")}
    for m, module in enumerate(modules, start=1):
        module_item = SubElement(organization, "item", {"identifier": f"module_{m}"})
        SubElement(module_item, "title").text = module.title
        for n, entry in enumerate(module.items, start=1):
            if entry.questions is not None:
                continue
            ref = f"sco_{m}_{n}"
            page = f"{ref}.html"
            item = SubElement(module_item, "item", {"identifier": f"item_{m}_{n}", "identifierref": ref})
            SubElement(item, "title").text = entry.title
            files[page] = lesson_page(
                entry.title, entry.markdown or "", '<script src="scorm.js"></script>',
                '<p><button type="button" id="scorm-done">Done</button> <span id="scorm-status"></span></p>')
            resource = SubElement(resources, "resource", {"identifier": ref, "type": "webcontent",
                                                          "adlcp:scormtype": "sco", "href": page})
            SubElement(resource, "file", {"href": page})
            SubElement(resource, "file", {"href": "scorm.js"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n'
                         + tostring(manifest, encoding="utf-8"))
        for path, data in files.items():
            archive.writestr(path, data)
    return buffer.getvalue()
