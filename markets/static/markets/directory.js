/* The directory's map, "nearest to me", the folded filters, the list/map switch on a phone and the township list
   narrowed by the chosen county.  The list and the filters work without any of this. */
(function () {
  "use strict";
  var form = document.getElementById("market-filters");
  var locateButton = document.getElementById("locate-me");
  var locateStatus = document.getElementById("locate-status");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : { matches: true };

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
          locateStatus.textContent = "无法获取您的位置。请打开“筛选条件”，选择您所在的县（市、区）或乡镇（街道）。";
          var filters = document.getElementById("filters");
          if (filters) filters.open = true;
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  }

  /* On a wide screen the filters are open: there is room for them beside nothing else. */
  var filters = document.getElementById("filters");
  if (filters && wide.matches) filters.open = true;

  /* The townships offered are the chosen county's (all of them when no county is chosen). */
  if (form && form.elements.near_township) {
    var township = form.elements.near_township;
    var all = Array.prototype.slice.call(township.options);
    var narrow = function () {
      var county = form.elements.near_county.value || form.elements.county.value;
      var chosen = township.value;
      while (township.options.length) township.remove(0);
      all.forEach(function (option) {
        var counties = (option.getAttribute("data-county") || "").split(" ");
        if (!option.value || !county || counties.indexOf(county) !== -1) township.add(option);
      });
      township.value = all.some(function (option) { return option.value === chosen && option.parentNode; }) ? chosen : "";
    };
    form.elements.near_county.addEventListener("change", narrow);
    form.elements.county.addEventListener("change", narrow);
    narrow();
  }

  /* 列表/地图 on a phone: two views of the one result; the map starts when it is first shown. */
  var directory = document.getElementById("directory");
  var switcher = document.getElementById("view-switch");
  var startMap = function () {};
  var started = false;
  function showView(view) {
    directory.setAttribute("data-view", view);
    switcher.querySelectorAll("button").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-view") === view ? "true" : "false");
    });
    if (view === "map") ensureMap();
  }
  function ensureMap() {
    if (started) return;
    started = true;
    startMap();
  }
  if (directory && switcher) {
    switcher.hidden = false;
    directory.classList.add("has-switch");
    switcher.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-view]");
      if (button) showView(button.getAttribute("data-view"));
    });
  }

  var configNode = document.getElementById("market-map-config");
  var mapNode = document.getElementById("market-map");
  var notice = document.getElementById("map-notice");

  function degrade() {
    notice.hidden = false;
    mapNode.classList.add("tiles-failed");
  }

  if (!configNode || !mapNode) return;
  startMap = function () {
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
    /* Markers near each other are grouped on the phone; a view of thousands comes as counts per area. */
    var grouped = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50, removeOutsideVisibleBounds: false })
      : L.layerGroup();
    var areas = L.layerGroup();
    function isEnter(event) { return event.originalEvent && event.originalEvent.key === "Enter"; }
    if (grouped.on) {
      /* A group opens with the keyboard as it does with a tap. */
      grouped.on("clusterkeypress", function (event) { if (isEnter(event)) event.layer.zoomToBounds(); });
    }
    grouped.addTo(map);
    areas.addTo(map);

    function popupFor(marker) {
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
      return popup;
    }

    function markerFor(marker) {
      var label = (marker.type === "market" ? "零工市场：" : "零工驿站：") + marker.title;
      return L.marker([marker.lat, marker.lng], { icon: icon, title: label, alt: label, keyboard: true })
        .bindPopup(popupFor(marker));
    }

    function areaFor(cell) {
      var size = cell.count < 10 ? "small" : cell.count < 100 ? "medium" : "large";  /* as markercluster's groups */
      var label = "此处有 " + cell.count + " 处零工市场（驿站），点击放大";
      var area = L.marker([cell.lat, cell.lng], {
        icon: L.divIcon({
          html: "<div><span>" + cell.count + "</span></div>",
          className: "marker-cluster marker-cluster-" + size,
          iconSize: L.point(40, 40)
        }),
        title: label,
        alt: label,
        keyboard: true
      });
      function zoomIn() { map.setView([cell.lat, cell.lng], map.getZoom() + 2); }
      area.on("click", zoomIn);
      area.on("keypress", function (event) { if (isEnter(event)) zoomIn(); });
      return area;
    }

    /* The view's box is widened to whole tiles, so that views a little apart ask the same (cached) question. */
    function viewQuery() {
      var zoom = map.getZoom();
      var step = 360 / Math.pow(2, zoom);
      var bounds = map.getBounds();
      var edges = [
        Math.max(-180, Math.floor(bounds.getWest() / step) * step),
        Math.max(-90, Math.floor(bounds.getSouth() / step) * step),
        Math.min(180, Math.ceil(bounds.getEast() / step) * step),
        Math.min(90, Math.ceil(bounds.getNorth() / step) * step)
      ];
      var separator = config.dataUrl.indexOf("?") === -1 ? "?" : "&";
      return config.dataUrl + separator + "bbox=" + edges.map(function (edge) { return +edge.toFixed(6); }).join(",") +
        "&zoom=" + zoom;
    }

    var lastQuery = null;
    var pending = null;
    function show(data) {
      grouped.clearLayers();
      areas.clearLayers();
      (data.markers || []).forEach(function (marker) { grouped.addLayer(markerFor(marker)); });
      (data.clusters || []).forEach(function (cell) { areas.addLayer(areaFor(cell)); });
    }
    function load() {
      var query = viewQuery();
      if (query === lastQuery) return;
      lastQuery = query;
      if (pending && pending.abort) pending.abort();
      pending = typeof AbortController === "function" ? new AbortController() : null;
      fetch(query, { signal: pending ? pending.signal : undefined, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(show)
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          lastQuery = null;
          notice.textContent = "地图上的位置暂时无法加载，请使用列表查看零工市场（驿站）。";
          notice.hidden = false;
        });
    }
    map.on("moveend", load);

    if (config.origin) {
      /* Sorted by distance: frame the starting point and the nearest few, as the list does. */
      L.circleMarker(config.origin, { radius: 8, color: "#8b1a1a", fillOpacity: 0.8 })
        .bindTooltip("起点").addTo(map);
      map.fitBounds(config.nearest.concat([config.origin]), { padding: [24, 24], maxZoom: 14 });
    } else if (config.extent) {
      map.fitBounds(config.extent, { padding: [24, 24], maxZoom: 14 });
    } else {
      map.setView([25.8, 119.0], 7);  /* Quanzhou and Ningde */
    }
    load();
  };
  /* Started now where the map shows (a wide screen, or no switch); on a phone when 地图 is chosen. */
  if (wide.matches || !switcher) ensureMap();
  if (wide.addEventListener) wide.addEventListener("change", function (event) { if (event.matches) ensureMap(); });
})();
