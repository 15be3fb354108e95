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
    // The controls' texts come translated from the page (data-map-* on <body>); English when absent.
    var words = document.body.dataset;
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: words.mapZoomIn || "Zoom in", zoomOutTitle: words.mapZoomOut || "Zoom out" }).addTo(map);
    var credit = document.createElement("a");
    credit.href = "https://www.openstreetmap.org/copyright";
    credit.textContent = "© " + (words.mapContributors || "OpenStreetMap contributors");
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      // Leaflet puts the attribution into innerHTML: build it from a text node, not from a translated string.
      attribution: credit.outerHTML
    }).addTo(map);
    var bounds = [];
    var outlines = [];
    var markers = [];
    // Near points join a cluster (Leaflet.markercluster) so their permanent labels cannot sit on each other
    // (Linköping beside Östsam, Cottbus beside Zielona Góra); zooming in splits them. Without the plugin,
    // markers go straight onto the map.
    var clustered = points.length > 1 && typeof L.markerClusterGroup === "function";
    var layer = clustered ? L.markerClusterGroup({
      maxClusterRadius: 35, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var names = cluster.getAllChildMarkers().map(function (m) { return m.options.placeName; });
        var count = document.createElement("span");
        count.textContent = String(names.length);
        // textContent and title set from data, never HTML: the names come from users and OSM.
        count.title = names.join(", ");
        count.setAttribute("aria-label", names.length + " " + (words.mapPlaces || "places") + ": " + names.join(", "));
        return L.divIcon({ html: count, className: "map-cluster", iconSize: L.point(34, 34) });
      }
    }) : map;
    points.forEach(function (p) {
      if (p.outline) { outlines.push(p.outline); }
      var marker = L.circleMarker([p.lat, p.lon], { radius: 8, color: "#0b6e4f", fillOpacity: 0.8,
                                                   placeName: p.local || p.name });
      var label = document.createElement("a");
      label.href = p.url || "#";
      label.textContent = p.local || p.name;
      marker.bindPopup(label);
      // A text node, not a string: Leaflet puts strings into innerHTML, and names come from users and OSM.
      marker.bindTooltip(document.createTextNode(p.local || p.name), { permanent: points.length <= 12, direction: "right" });
      marker.addTo(layer);
      markers.push(marker);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], parseInt(element.dataset.zoom || "12", 10));
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [30, 30] });
    } else {
      map.setView([56, 18], 4);
    }
    // The cluster layer reads the map's zoom when added, so it goes on after the view is set.
    if (clustered) { map.addLayer(layer); }
    // Vector layers need the map's view first. Only the geometry is passed on: no GeoJSON properties.
    outlines.forEach(function (outline) {
      L.geoJSON({ type: "Feature", properties: {}, geometry: outline },
                { style: { color: "#0b6e4f", weight: 2, fillOpacity: 0.25 } }).addTo(map);
    });
    // A label that would cover another label or a cluster badge moves to the left of its marker; if that
    // clashes too it is hidden (the marker keeps its popup with the name) rather than drawn over the other.
    function separateLabels() {
      var placed = Array.prototype.map.call(element.querySelectorAll(".map-cluster"), function (badge) {
        return badge.getBoundingClientRect();
      });
      function clashes(box) {
        return placed.some(function (other) {
          return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
        });
      }
      markers.forEach(function (marker) {
        var tooltip = marker.getTooltip();
        var node = tooltip && tooltip.getElement();
        if (!node || !node.isConnected) { return; }
        node.style.visibility = "";
        var sides = ["right", "left"];
        for (var k = 0; k < sides.length; k++) {
          if (tooltip.options.direction !== sides[k]) { tooltip.options.direction = sides[k]; tooltip.update(); }
          var box = node.getBoundingClientRect();
          if (!clashes(box)) { placed.push(box); return; }
        }
        tooltip.options.direction = "right";
        tooltip.update();
        node.style.visibility = "hidden";
      });
    }
    map.on("zoomend moveend", separateLabels);
    if (clustered) { layer.on("animationend", separateLabels); }
    separateLabels();
    element.dataset.ready = "true";
  }

  document.querySelectorAll("[data-map-source]").forEach(drawMap);
  window.CreativePoles = { drawMap: drawMap };
})();
