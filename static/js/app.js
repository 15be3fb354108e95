// Creative Poles shell behaviour; no inline scripts, so the CSP can forbid them.
(function () {
  "use strict";

  // The language select submits itself; the button stays for keyboard and no-JS users.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // Maps read their points from a json_script element; markers show even when tiles cannot load.
  function drawMap(element) {
    if (typeof L === "undefined") { return; }
    var source = document.getElementById(element.dataset.mapSource);
    var points = source ? JSON.parse(source.textContent) : [];
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"
    }).addTo(map);
    var bounds = [];
    var outlines = [];
    points.forEach(function (p) {
      if (p.outline) { outlines.push(p.outline); }
      var marker = L.circleMarker([p.lat, p.lon], { radius: 8, color: "#0b6e4f", fillOpacity: 0.8 }).addTo(map);
      var label = document.createElement("a");
      label.href = p.url || "#";
      label.textContent = p.local || p.name;
      marker.bindPopup(label);
      // A text node, not a string: Leaflet puts strings into innerHTML, and names come from users and OSM.
      marker.bindTooltip(document.createTextNode(p.local || p.name), { permanent: points.length <= 12, direction: "right" });
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], parseInt(element.dataset.zoom || "12", 10));
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [30, 30] });
    } else {
      map.setView([56, 18], 4);
    }
    // Vector layers need the map's view first. Only the geometry is passed on: no GeoJSON properties.
    outlines.forEach(function (outline) {
      L.geoJSON({ type: "Feature", properties: {}, geometry: outline },
                { style: { color: "#0b6e4f", weight: 2, fillOpacity: 0.25 } }).addTo(map);
    });
    element.dataset.ready = "true";
  }

  document.querySelectorAll("[data-map-source]").forEach(drawMap);
  window.CreativePoles = { drawMap: drawMap };
})();
