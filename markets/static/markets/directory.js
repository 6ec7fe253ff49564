/* The directory's map and "nearest to me".  The list works without any of this. */
(function () {
  "use strict";
  var form = document.getElementById("market-filters");
  var locateButton = document.getElementById("locate-me");
  var locateStatus = document.getElementById("locate-status");

  if (form && locateButton && "geolocation" in navigator) {
    locateButton.hidden = false;
    locateButton.addEventListener("click", function () {
      locateStatus.textContent = "正在获取您的位置……";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.lat.value = position.coords.latitude.toFixed(6);
          form.elements.lng.value = position.coords.longitude.toFixed(6);
          form.elements.near_county.value = "";
          form.elements.near_township.value = "";
          locateStatus.textContent = "已获取位置，正在按距离排序……";
          form.submit();
        },
        function () {
          locateStatus.textContent = "无法获取您的位置。请在下方选择您所在的县（市、区）或乡镇（街道）。";
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  }

  var configNode = document.getElementById("market-map-config");
  var mapNode = document.getElementById("market-map");
  var notice = document.getElementById("map-notice");
  if (!configNode || !mapNode) return;

  function degrade() {
    notice.hidden = false;
    mapNode.classList.add("tiles-failed");
  }

  if (typeof L === "undefined") {
    degrade();
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var map = L.map(mapNode, { scrollWheelZoom: false, tap: false });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  var tiles = L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 18 });
  var failures = 0;
  var loaded = 0;
  tiles.on("tileerror", function () {
    failures += 1;
    if (failures >= 1 && loaded === 0) degrade();
  });
  tiles.on("tileload", function () { loaded += 1; });
  tiles.addTo(map);

  var icon = L.icon({
    iconUrl: config.icons.iconUrl,
    iconRetinaUrl: config.icons.iconRetinaUrl,
    shadowUrl: config.icons.shadowUrl,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41]
  });
  var bounds = [];
  config.markers.forEach(function (marker) {
    var point = [marker.lat, marker.lng];
    bounds.push(point);
    var label = (marker.type === "market" ? "零工市场：" : "零工驿站：") + marker.title;
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.title;
    popup.appendChild(link);
    if (marker.official_title) {
      var rating = document.createElement("p");
      rating.className = "star-title";
      rating.textContent = marker.official_title;
      popup.appendChild(rating);
    }
    L.marker(point, { icon: icon, title: label, alt: label, keyboard: true }).bindPopup(popup).addTo(map);
  });
  if (config.origin) {
    /* Sorted by distance: frame the starting point and the nearest few, as the list does. */
    bounds = bounds.slice(0, 5);
    bounds.push(config.origin);
    L.circleMarker(config.origin, { radius: 8, color: "#8b1a1a", fillOpacity: 0.8 })
      .bindTooltip("起点").addTo(map);
  }
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  } else {
    map.setView([25.8, 119.0], 7);  /* Quanzhou and Ningde */
  }
})();
