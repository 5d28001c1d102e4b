/* tawthiq map: Leaflet served by the app, an offline lat/lon grid background,
   markers sized by casualties and coloured by event type. Untrusted text is
   only ever set with textContent. */
(function () {
  "use strict";
  var configNode = document.getElementById("map-config");
  var mapNode = document.getElementById("map");
  if (!configNode || !mapNode || typeof L === "undefined") { return; }
  var config = JSON.parse(configNode.textContent);
  var colors = config.colors || {};

  function gridStep(zoom) {
    if (zoom <= 3) { return 20; }
    if (zoom <= 5) { return 5; }
    if (zoom <= 7) { return 2; }
    if (zoom <= 9) { return 0.5; }
    if (zoom <= 11) { return 0.1; }
    return 0.02;
  }

  /* A neutral background that needs no network: a graticule drawn on canvas tiles. */
  var Graticule = L.GridLayer.extend({
    createTile: function (coords) {
      var tile = document.createElement("canvas");
      var size = this.getTileSize();
      tile.width = size.x;
      tile.height = size.y;
      var ctx = tile.getContext("2d");
      ctx.fillStyle = "#eef2f5";
      ctx.fillRect(0, 0, size.x, size.y);
      var map = this._map;
      var nw = coords.scaleBy(size);
      var topLeft = map.unproject(nw, coords.z);
      var bottomRight = map.unproject(nw.add(size), coords.z);
      var step = gridStep(coords.z);
      ctx.strokeStyle = "#c9d3dc";
      ctx.lineWidth = 1;
      ctx.fillStyle = "#7b8a97";
      ctx.font = "10px sans-serif";
      var lon, lat, p;
      for (lon = Math.ceil(topLeft.lng / step) * step; lon <= bottomRight.lng; lon += step) {
        p = map.project([topLeft.lat, lon], coords.z).subtract(nw);
        ctx.beginPath(); ctx.moveTo(Math.round(p.x) + 0.5, 0); ctx.lineTo(Math.round(p.x) + 0.5, size.y); ctx.stroke();
        if (coords.y % 2 === 0) { ctx.fillText(lon.toFixed(step < 1 ? 2 : 0) + "°", p.x + 2, size.y - 4); }
      }
      for (lat = Math.ceil(bottomRight.lat / step) * step; lat <= topLeft.lat; lat += step) {
        p = map.project([lat, topLeft.lng], coords.z).subtract(nw);
        ctx.beginPath(); ctx.moveTo(0, Math.round(p.y) + 0.5); ctx.lineTo(size.x, Math.round(p.y) + 0.5); ctx.stroke();
        if (coords.x % 2 === 0) { ctx.fillText(lat.toFixed(step < 1 ? 2 : 0) + "°", 2, p.y - 2); }
      }
      return tile;
    }
  });

  var map = L.map(mapNode, { worldCopyJump: true, minZoom: 2, maxZoom: 16 }).setView([34.8, 38.5], 6);
  new Graticule({ attribution: "" }).addTo(map);
  if (config.tiles) {
    L.tileLayer(config.tiles, { attribution: config.attribution || "", maxZoom: 18 }).addTo(map);
  }
  var layer = L.layerGroup().addTo(map);
  var totalNode = document.getElementById("map-total");

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function popupFor(item) {
    var box = el("div", null, "popup");
    box.dir = "auto";
    var link = el("a", item.location_name);
    link.href = "/events/" + encodeURIComponent(item.id);
    box.appendChild(link);
    var labels = config.labels || {};
    var sub = (labels.sub_event_type || {})[item.sub_event_type] || item.sub_event_type;
    var actor = (labels.actor || {})[item.actor1] || item.actor1;
    box.appendChild(el("div", (item.date || "") + " · " + sub));
    box.appendChild(el("div", actor + " · " + item.casualties));
    return box;
  }

  function radiusFor(casualties) {
    return Math.min(26, 5 + 2.2 * Math.sqrt(casualties || 0));
  }

  function draw(data) {
    layer.clearLayers();
    if (totalNode) { totalNode.textContent = "(" + data.total + ")"; }
    data.items.forEach(function (item) {
      var color = colors[item.event_type] || "#777777";
      var marker;
      if (data.mode === "points") {
        marker = L.circleMarker([item.lat, item.lon], {
          radius: radiusFor(item.casualties), color: "#333333", weight: 1,
          fillColor: color, fillOpacity: 0.75, className: "ev-marker"
        });
        marker.bindPopup(popupFor(item));
        marker.on("add", function () {
          var node = marker.getElement();
          if (node) { node.setAttribute("data-event-id", String(item.id)); }
        });
      } else {
        marker = L.circleMarker([item.lat, item.lon], {
          radius: Math.min(30, 9 + 3 * Math.log2(item.count)), color: "#333333", weight: 1,
          fillColor: color, fillOpacity: 0.6, className: "ev-cluster"
        });
        marker.bindTooltip(String(item.count), { permanent: true, direction: "center", className: "cluster-label" });
        marker.on("click", function () { map.setView([item.lat, item.lon], Math.min(map.getZoom() + 2, 16)); });
      }
      marker.addTo(layer);
    });
    mapNode.setAttribute("data-mode", data.mode);
    mapNode.setAttribute("data-count", String(data.items.length));
  }

  var pending = null;
  function load(withBbox) {
    var url = "/api/map?" + (config.query ? config.query + "&" : "") + "zoom=" + map.getZoom();
    if (withBbox) { url += "&bbox=" + map.getBounds().pad(0.2).toBBoxString(); }
    if (pending) { pending.abort(); }
    pending = new AbortController();
    return fetch(url, { credentials: "same-origin", signal: pending.signal })
      .then(function (r) { if (!r.ok) { throw new Error("map query failed: " + r.status); } return r.json(); })
      .then(function (data) { draw(data); mapNode.setAttribute("data-loaded", "1"); return data; })
      .catch(function (err) { if (err.name !== "AbortError") { mapNode.setAttribute("data-error", String(err)); } });
  }

  load(false).then(function (data) {
    if (data && data.items.length) {
      var bounds = L.latLngBounds(data.items.map(function (i) { return [i.lat, i.lon]; }));
      map.fitBounds(bounds.pad(0.3), { maxZoom: 9, animate: false });
    }
    map.on("moveend", function () { load(true); });
  });
}());
