/* A market page's small map: the market's marker on the directory's tiles.  The address and 导航到这里 work
   without it; when the tiles cannot load, the map gives way to a notice. */
(function () {
  "use strict";
  var configNode = document.getElementById("location-map-config");
  var mapNode = document.getElementById("location-map");
  var notice = document.getElementById("location-map-notice");
  if (!configNode || !mapNode) return;
  function degrade() {
    notice.hidden = false;
    mapNode.hidden = true;
  }
  if (typeof L === "undefined") {
    degrade();
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var map = L.map(mapNode, { scrollWheelZoom: false, tap: false }).setView(config.point, 16);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  var tiles = L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 18 });
  var loaded = 0;
  tiles.on("tileload", function () { loaded += 1; });
  tiles.on("tileerror", function () { if (loaded === 0) degrade(); });
  tiles.addTo(map);
  var icon = L.icon({
    iconUrl: config.icons.iconUrl,
    iconRetinaUrl: config.icons.iconRetinaUrl,
    shadowUrl: config.icons.shadowUrl,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    shadowSize: [41, 41]
  });
  L.marker(config.point, { icon: icon, title: config.title, alt: config.title, keyboard: false }).addTo(map);
})();
