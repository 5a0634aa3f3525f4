// The map page: Leaflet, served by the portal itself. Base tiles only when configured; the portal's own
// vector layers (grid areas, properties, facilities) are drawn on top either way.
(function () {
  "use strict";
  const element = document.getElementById("map");
  if (!element || typeof L === "undefined") return;
  const [lat, lng] = element.dataset.center.split(",").map(Number);
  const map = L.map(element, { zoomControl: true }).setView([lat, lng], Number(element.dataset.zoom));
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, {
      maxZoom: 19,
      attribution: element.dataset.tileAttribution || "",
    }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  window.portalMap = map;
})();
