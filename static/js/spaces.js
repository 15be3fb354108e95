// Spaces pages: the sensitivity chart of a ranking, and the site form's map (place, draw, search).
(function () {
  "use strict";

  // Sensitivity: the share of weight-perturbed runs that keep each site's rank, as horizontal bars.
  var canvas = document.getElementById("sensitivity-chart");
  if (canvas && typeof Chart !== "undefined") {
    var data = JSON.parse(document.getElementById(canvas.dataset.chartSource).textContent);
    canvas.parentElement.style.height = Math.max(160, 28 * data.labels.length + 60) + "px";
    new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: "#0b6e4f" }] },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
                 scales: { x: { beginAtZero: true, max: 100 } } }
    });
    canvas.dataset.ready = "true";
  }

  var element = document.querySelector("[data-site-editor]");
  if (!element || typeof L === "undefined") { return; }
  var form = document.getElementById("site-form");
  var lat = form.querySelector("[name=latitude]");
  var lon = form.querySelector("[name=longitude]");
  var city = form.querySelector("[name=city]");
  var address = form.querySelector("[name=address]");
  var geometryInput = form.querySelector("[data-geometry-input]");
  var status = document.getElementById("outline-status");
  var centres = JSON.parse(document.getElementById("city-centres").textContent);

  // Markers and outlines are drawn whether or not the tiles load: the form works offline too.
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"
  }).addTo(map);

  function number(input) {
    var value = parseFloat((input.value || "").replace(",", "."));
    return isFinite(value) ? value : null;
  }

  var marker = null;
  function place(latlng, pan) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    if (!marker) {
      // pmIgnore: the position marker is not an outline, so Geoman's edit and removal tools leave it alone.
      marker = L.marker(latlng, { draggable: true, pmIgnore: true }).addTo(map);
      marker.on("dragend", function () { place(marker.getLatLng(), false); });
    } else {
      marker.setLatLng(latlng);
    }
    if (pan) { map.panTo(latlng); }
    element.dataset.placed = "true";
  }

  var outline = null;
  function storeOutline() {
    if (outline) {
      geometryInput.value = JSON.stringify(outline.toGeoJSON().geometry);
      status.textContent = status.dataset.drawn;
      element.dataset.outline = "true";
      if (!marker) { place(outline.getBounds().getCenter(), false); }
    } else {
      geometryInput.value = "";
      status.textContent = status.dataset.none;
      element.dataset.outline = "false";
    }
  }

  // The stored state: the site's point and its outline when it has one.
  var stored = null;
  try { stored = geometryInput.value ? JSON.parse(geometryInput.value) : null; } catch (e) { stored = null; }
  if (stored && stored.type === "Polygon") {
    outline = L.geoJSON(stored).getLayers()[0];
  }
  if (number(lat) !== null && number(lon) !== null) {
    place(L.latLng(number(lat), number(lon)), false);
    map.setView(marker.getLatLng(), 16);
  } else if (city && centres[city.value]) {
    map.setView(centres[city.value], 13);
  } else {
    map.setView([56, 18], 4);
  }
  if (outline) {
    // Added once the map has a view: vector layers need it to project their points.
    map.fitBounds(outline.getBounds(), { maxZoom: 17 });
    outline.addTo(map);
  }
  storeOutline();

  function toolActive() {
    return map.pm && (map.pm.globalDrawModeEnabled() || map.pm.globalEditModeEnabled() ||
                      map.pm.globalRemovalModeEnabled() || map.pm.globalDragModeEnabled());
  }
  // A click places the site, except while a drawing or editing tool is in use (those clicks draw the outline).
  map.on("click", function (event) { if (!toolActive()) { place(event.latlng, false); } });
  [lat, lon].forEach(function (input) {
    input.addEventListener("change", function () {
      if (number(lat) !== null && number(lon) !== null) { place(L.latLng(number(lat), number(lon)), true); }
    });
  });
  if (city) {
    city.addEventListener("change", function () {
      if (centres[city.value] && !marker) { map.setView(centres[city.value], 13); }
    });
  }

  // Drawing: one polygon, drawn, edited or removed with Leaflet-Geoman's toolbar.
  if (map.pm) {
    map.pm.addControls({
      position: "topleft", drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawRectangle: true,
      drawPolygon: true, drawCircle: false, drawText: false, cutPolygon: false, rotateMode: false,
      editMode: true, dragMode: true, removalMode: true
    });
    map.on("pm:create", function (event) {
      if (outline) { map.removeLayer(outline); }
      outline = event.layer;
      outline.on("pm:edit pm:dragend", storeOutline);
      storeOutline();
    });
    map.on("pm:remove", function (event) {
      if (event.layer === outline) { outline = null; storeOutline(); }
    });
    if (outline) { outline.on("pm:edit pm:dragend", storeOutline); }
  }

  // Address search over the city's imported addresses and places; no outside geocoder.
  var query = document.getElementById("address-query");
  var results = document.getElementById("address-results");
  function search() {
    if (!city || !city.value || query.value.trim().length < 2) { return; }
    var url = query.dataset.searchUrl + "?city=" + encodeURIComponent(city.value) + "&q=" + encodeURIComponent(query.value.trim());
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        results.textContent = "";
        var found = data.results || [];
        if (!found.length) {
          var empty = document.createElement("li");
          empty.textContent = results.dataset.empty;
          results.appendChild(empty);
        }
        found.forEach(function (item) {
          var li = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = item.label;  // text, never HTML: labels come from OSM and users
          button.addEventListener("click", function () {
            place(L.latLng(item.lat, item.lon), true);
            map.setView([item.lat, item.lon], 17);
            if (item.address && address && !address.value) { address.value = item.address; }
          });
          li.appendChild(button);
          results.appendChild(li);
        });
      });
  }
  document.getElementById("address-search-button").addEventListener("click", search);
  query.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(); }
  });
  element.dataset.ready = "true";
})();
