// The user's map pins ("kartnålar"), kept by GIS. "Placera nål" puts a draggable pin at the map's centre
// and saves it; dragging saves the new place (GIS has no "move": a new pin, then the old one removed).
// A pin's popup names the grid area and DSO there and links to a new case at that point.
(function () {
  "use strict";
  const kit = window.portalMapKit;
  if (!kit) return;
  const { map, element, text, api } = kit;
  const icon = new L.Icon.Default({ className: "portal-pin" });
  const markers = new Set();

  const round = (value) => Number(value.toFixed(6));
  const pointOf = (marker) => {
    const { lat, lng } = marker.getLatLng();
    return { lon: round(lng), lat: round(lat) };
  };

  function counted() {
    element.dataset.pinCount = String(markers.size);
  }

  // Each pin's calls run one after another, so a quick second drag never races the first save.
  function queue(marker, step) {
    marker.work = marker.work.then(step).catch(kit.failed);
    return marker.work;
  }

  function identify(marker, id) {
    marker.pinId = id;
    if (marker.getElement()) marker.getElement().dataset.pinId = id || "";
    if (marker.box) marker.box.dataset.pinId = id || "";
  }

  function paragraph(words, hook) {
    const p = document.createElement("p");
    p.textContent = words;
    if (hook) p.dataset[hook] = "";
    return p;
  }

  // The popup's content for where the pin is now; the grid area is looked up once per position.
  function popupFor(marker) {
    const { lon, lat } = pointOf(marker);
    const at = `${lon},${lat}`;
    if (marker.box && marker.box.dataset.at === at) return marker.box;
    const box = document.createElement("div");
    box.className = "pin-popup";
    box.dataset.at = at;
    box.dataset.pinId = marker.pinId || "";
    const place = paragraph(text("pin.looking_up"));
    const link = document.createElement("a");
    link.href = `${element.dataset.newCaseUrl}?lon=${lon}&lat=${lat}`;
    link.dataset.action = "create-case";
    link.textContent = text("pin.create_case");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button";
    remove.dataset.action = "remove-pin";
    remove.textContent = text("pin.remove");
    remove.addEventListener("click", () => removePin(marker));
    box.append(place, paragraph(text("pin.hint")), link, remove);
    marker.box = box;
    describe(marker, box, place, lon, lat);
    return box;
  }

  function dsoName(id) {
    const names = JSON.parse(document.getElementById("map").dataset.dsoNames || "{}");
    return names[id] || id;
  }

  async function describe(marker, box, place, lon, lat) {
    try {
      const found = await api("GET", `/api/karta/places/at?lon=${lon}&lat=${lat}`);
      const lines = [];
      if (found.address && found.address.label) lines.push(paragraph(found.address.label, "address"));
      if (found.grid_area) {
        const area = found.grid_area;
        lines.push(paragraph(text("pin.grid_area", { name: area.grid_area_name }), "gridArea"));
        lines.push(paragraph(text("pin.dso", { name: dsoName(area.dso_id) }), "dso"));
      } else {
        lines.push(paragraph(text("pin.outside"), "outside"));
      }
      place.replaceWith(...lines);
    } catch (error) {
      place.textContent = text("error.failed");
      kit.failed(error);
    }
    if (marker.box === box && marker.isPopupOpen()) marker.getPopup().update(); // fit the new text
  }

  function addMarker(point, id) {
    const marker = L.marker([point.lat, point.lon], {
      icon, draggable: true, autoPan: true, title: text("pin.title"), alt: text("pin.title"),
    });
    marker.work = Promise.resolve();
    marker.bindPopup(() => popupFor(marker), { minWidth: 220 });
    marker.addTo(map);
    identify(marker, id);
    marker.on("dragend", () => {
      const previous = marker.pinId;
      marker.openPopup();
      queue(marker, async () => {
        identify(marker, (await api("POST", "/api/karta/pins", { body: pointOf(marker) })).id);
        if (previous) await api("DELETE", `/api/karta/pins/${encodeURIComponent(previous)}`);
      });
    });
    markers.add(marker);
    counted();
    return marker;
  }

  function forget(marker) {
    marker.remove();
    markers.delete(marker);
    counted();
  }

  function removePin(marker) {
    return queue(marker, async () => {
      if (marker.pinId) await api("DELETE", `/api/karta/pins/${encodeURIComponent(marker.pinId)}`);
      forget(marker);
    });
  }

  function placePin() {
    const center = map.getCenter();
    const marker = addMarker({ lon: round(center.lng), lat: round(center.lat) }, null);
    marker.openPopup();
    queue(marker, async () => {
      try {
        identify(marker, (await api("POST", "/api/karta/pins", { body: pointOf(marker) })).id);
      } catch (error) {
        forget(marker); // not saved: no pin left on the map that would vanish on the next visit
        throw error;
      }
    });
  }

  async function clearPins() {
    await Promise.all([...markers].map((marker) => marker.work));
    try {
      await api("DELETE", "/api/karta/pins");
    } catch (error) {
      kit.failed(error);
      return;
    }
    [...markers].forEach(forget);
    kit.say(text("pins.cleared"));
  }

  document.querySelector("[data-action=place-pin]").addEventListener("click", placePin);
  document.querySelector("[data-action=clear-pins]").addEventListener("click", clearPins);

  (async function loadPins() {
    try {
      const saved = await api("GET", "/api/karta/pins");
      // GIS answers a list; a wrapped one ({"pins": […]}) is accepted too.
      const pins = Array.isArray(saved) ? saved : (saved && saved.pins) || [];
      pins.forEach((pin) => addMarker({ lon: Number(pin.lon), lat: Number(pin.lat) }, String(pin.id)));
    } catch (error) {
      kit.failed(error);
    } finally {
      element.dataset.pinsReady = "true";
      counted();
    }
  })();
})();
