// The map page: Leaflet, served by the portal itself. Base tiles only when configured; the portal's own
// vector layers are drawn on top either way, fetched for the current view from the gateway's /api/karta,
// which asks GIS as the signed-in user, so only the layers this user may see ever arrive.
// map_search.js (address search) and map_pins.js (pins) build on window.portalMapKit, made here.
(function () {
  "use strict";
  const element = document.getElementById("map");
  if (!element || typeof L === "undefined") return;
  const [lat, lng] = element.dataset.center.split(",").map(Number);
  // Canvas, not SVG: a viewport can hold thousands of properties and facilities.
  const map = L.map(element, { zoomControl: true, preferCanvas: true })
    .setView([lat, lng], Number(element.dataset.zoom));
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, {
      maxZoom: 19,
      attribution: element.dataset.tileAttribution || "",
    }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  window.portalMap = map;
  if (element.dataset.signedIn !== "true") return; // anonymous: the base map and a note to log in

  const texts = JSON.parse(document.getElementById("map-texts").textContent);
  const message = document.getElementById("map-message");

  function text(key, values) {
    return (texts[key] || key).replace(/\{(\w+)\}/g, (whole, name) =>
      values && name in values ? String(values[name]) : whole);
  }

  function say(words) {
    message.textContent = words || "";
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && (body.detail || body.title)) || `HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  let pending = 0;
  function busy(change) {
    pending += change;
    element.setAttribute("aria-busy", pending > 0 ? "true" : "false");
  }

  // Every call of the page: JSON both ways, and the session's CSRF token on every write.
  async function api(method, path, { body, signal } = {}) {
    const headers = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET") headers["x-csrf-token"] = element.dataset.csrfToken;
    busy(+1);
    try {
      const response = await fetch(path, {
        method, headers, signal, credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      }).catch((error) => {
        if (error.name !== "AbortError") say(text("error.unavailable")); // the portal itself is unreachable
        throw error;
      });
      const data = response.status === 204 ? null : await response.json().catch(() => null);
      if (!response.ok) {
        if (response.status === 401) say(text("error.signed_out"));
        else if (response.status >= 500) say(text("error.unavailable"));
        throw new ApiError(response.status, data);
      }
      return data;
    } finally {
      busy(-1);
    }
  }

  // After a failed call: 401 and 5xx have been told already; any other refusal gets a general word.
  function failed(error) {
    if (error.name === "AbortError" || error.name === "TypeError") return;
    if (error instanceof ApiError && (error.status === 401 || error.status >= 500)) return;
    say(text("error.failed"));
  }

  const kit = { map, element, text, say, api, failed };
  window.portalMapKit = kit;

  // ---- Layers: a checkbox each, in GIS's drawing order; features fetched for the view. ----
  const STYLES = {
    grid_areas: { color: "#0b5cad", weight: 2, fillOpacity: 0.06 },
    properties: { color: "#6b7280", weight: 1, fillOpacity: 0.02 },
    facilities: { radius: 4, color: "#92400e", weight: 1, fillColor: "#f59e0b", fillOpacity: 0.9 },
    addresses: { radius: 3, color: "#1d4ed8", weight: 1, fillColor: "#60a5fa", fillOpacity: 0.9 },
  };
  const SHOWN_AT_START = new Set(["grid_areas"]);
  const NAME_PROPERTIES = ["name", "label", "designation", "ean", "meter_number"];
  const layers = new Map(); // id → { group, checkbox, controller, truncated }
  const truncatedNote = document.getElementById("map-truncated");

  function layerName(id) {
    return texts[`layer.${id}`] || id;
  }

  function tooltipFor(properties) {
    const name = NAME_PROPERTIES.map((key) => properties && properties[key]).find(Boolean);
    if (!name) return null;
    const span = document.createElement("span"); // text, never HTML: names come from imported data
    span.textContent = String(name);
    return span;
  }

  function makeLayer(id, index) {
    const pane = `layer-${id}`;
    map.createPane(pane).style.zIndex = String(410 + index); // drawing order whatever answers first
    const renderer = L.canvas({ pane });
    const style = STYLES[id] || { color: "#374151", weight: 1, radius: 3 };
    return L.geoJSON(null, {
      pane, renderer,
      style: () => style,
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, { ...style, pane, renderer }),
      onEachFeature: (feature, layer) => {
        const tooltip = tooltipFor(feature.properties);
        if (tooltip) layer.bindTooltip(tooltip);
      },
    });
  }

  function viewQuery() {
    const bounds = map.getBounds();
    const clamp = (value, limit) => Math.min(limit, Math.max(-limit, value)).toFixed(6);
    const bbox = [
      clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90),
      clamp(bounds.getEast(), 180), clamp(bounds.getNorth(), 90),
    ].join(",");
    return `bbox=${bbox}&zoom=${Math.round(map.getZoom())}`;
  }

  function showTruncated() {
    const cut = [...layers].filter(([, entry]) => entry.truncated).map(([id]) => layerName(id));
    truncatedNote.hidden = cut.length === 0;
    truncatedNote.textContent = cut.length ? text("truncated", { layers: cut.join(", ") }) : "";
  }

  async function refresh(id) {
    const entry = layers.get(id);
    if (entry.controller) entry.controller.abort(); // the view moved on: that answer is stale
    entry.controller = null;
    if (!entry.checkbox.checked) {
      entry.group.clearLayers();
      entry.truncated = false;
      showTruncated();
      return;
    }
    const controller = new AbortController();
    entry.controller = controller;
    const path = `/api/karta/layers/${encodeURIComponent(id)}/features?${viewQuery()}`;
    try {
      const collection = await api("GET", path, { signal: controller.signal });
      entry.group.clearLayers();
      entry.group.addData(collection);
      entry.truncated = Boolean(collection.truncated);
      entry.checkbox.closest("label").dataset.featureCount = String(collection.features.length);
    } catch (error) {
      if (error.name === "AbortError") return;
      entry.truncated = false;
      failed(error);
    } finally {
      if (entry.controller === controller) entry.controller = null;
    }
    showTruncated();
  }

  let moveTimer = 0;
  map.on("moveend", () => {
    clearTimeout(moveTimer);
    moveTimer = setTimeout(() => layers.forEach((entry, id) => refresh(id)), 250);
  });

  function addSwitch(list, id, index) {
    const label = document.createElement("label");
    label.className = "map-layer";
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    checkbox.name = "layer";
    checkbox.value = id;
    checkbox.checked = SHOWN_AT_START.has(id);
    const swatch = document.createElement("span");
    swatch.className = "map-layer-swatch";
    swatch.setAttribute("aria-hidden", "true");
    swatch.style.borderColor = (STYLES[id] || {}).color || "#374151";
    label.append(checkbox, swatch, document.createTextNode(layerName(id)));
    list.append(label);
    const group = makeLayer(id, index);
    if (checkbox.checked) group.addTo(map);
    layers.set(id, { group, checkbox, controller: null, truncated: false });
    checkbox.addEventListener("change", () => {
      if (checkbox.checked) group.addTo(map);
      else group.remove();
      refresh(id);
    });
  }

  (async function loadLayers() {
    const list = document.querySelector("[data-layer-list]");
    try {
      const permitted = await api("GET", "/api/karta/layers");
      permitted.forEach((layer, index) => addSwitch(list, layer.id, index));
      layers.forEach((entry, id) => refresh(id));
    } catch (error) {
      failed(error);
    } finally {
      element.dataset.layersReady = "true";
    }
  })();
})();
