// The atlas map: one Leaflet layer per creative group (switched by the checkboxes), hotspot hulls and hot cells.
(function () {
  "use strict";
  var element = document.querySelector("[data-atlas-map]");
  if (!element || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(element.dataset.atlasMap).textContent);
  var map = L.map(element).setView(data.centre, 12);
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19, attribution: "&copy; OpenStreetMap contributors"
  }).addTo(map);
  var colours = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4"];
  var layers = {};
  var order = [];
  data.points.features.forEach(function (feature) {
    var group = feature.properties.group;
    if (!layers[group]) { layers[group] = L.layerGroup().addTo(map); order.push(group); }
    var c = feature.geometry.coordinates;
    L.circleMarker([c[1], c[0]], {radius: 4, weight: 1, color: colours[order.indexOf(group) % colours.length]})
      .bindTooltip(feature.properties.name + " — " + feature.properties.group_label).addTo(layers[group]);
  });
  data.clusters.forEach(function (cluster) {
    if (cluster.hull.length >= 3) {
      L.polygon(cluster.hull.map(function (p) { return [p[1], p[0]]; }), {color: "#b30000", weight: 2, fillOpacity: 0.1})
        .bindTooltip(String(cluster.size) + (cluster.group_label ? " — " + cluster.group_label : "")).addTo(map);
    }
  });
  function visible() {
    var count = 0;
    Object.keys(layers).forEach(function (g) { if (map.hasLayer(layers[g])) { count += layers[g].getLayers().length; } });
    element.dataset.visible = String(count);
  }
  document.querySelectorAll("[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      var layer = layers[box.dataset.layer];
      if (!layer) { return; }
      if (box.checked) { layer.addTo(map); } else { map.removeLayer(layer); }
      visible();
    });
  });
  visible();
  element.dataset.ready = "true";
})();
