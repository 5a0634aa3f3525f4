// The map's address search: an ARIA 1.2 combobox. Suggestions come as you type (debounced, stale
// requests aborted); arrows move through them, Enter or a click chooses, Escape closes; the map flies
// to the chosen address and marks it.
(function () {
  "use strict";
  const kit = window.portalMapKit;
  const input = document.getElementById("address-search");
  const listbox = document.getElementById("address-suggestions");
  const status = document.getElementById("address-search-status");
  if (!kit || !input || !listbox) return;
  const MIN_LENGTH = 2;
  let suggestions = [];
  let active = -1;
  let controller = null;
  let timer = 0;
  let marked = null;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    const options = listbox.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  }

  function show(addresses) {
    suggestions = Array.isArray(addresses) ? addresses : [];
    listbox.replaceChildren(...suggestions.map((address, index) => {
      const option = document.createElement("li");
      option.id = `address-option-${index}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.lon = address.lon;
      option.dataset.lat = address.lat;
      option.textContent = address.label;
      option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the box
      option.addEventListener("click", () => choose(index));
      return option;
    }));
    status.textContent = suggestions.length
      ? kit.text("search.count", { count: suggestions.length }) : kit.text("search.none");
    active = -1;
    input.removeAttribute("aria-activedescendant");
    listbox.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }

  async function search(query) {
    if (controller) controller.abort();
    controller = new AbortController();
    const path = `/api/karta/addresses?q=${encodeURIComponent(query)}&limit=8`;
    try {
      show(await kit.api("GET", path, { signal: controller.signal }));
    } catch (error) {
      if (error.name === "AbortError") return;
      show([]);
      kit.failed(error);
    }
  }

  function choose(index) {
    const address = suggestions[index];
    if (!address) return;
    input.value = address.label;
    close();
    const target = [Number(address.lat), Number(address.lon)];
    kit.map.flyTo(target, Math.max(kit.map.getZoom(), 17));
    if (marked) marked.remove();
    marked = L.circleMarker(target, { radius: 12, color: "#b42318", weight: 3, fill: false, interactive: false })
      .addTo(kit.map);
    kit.element.dataset.chosenAddress = address.id !== undefined ? String(address.id) : address.label;
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim().slice(0, 100);
    if (query.length < MIN_LENGTH) {
      if (controller) controller.abort();
      suggestions = [];
      listbox.replaceChildren();
      close();
      return;
    }
    timer = setTimeout(() => search(query), 200);
  });

  input.addEventListener("keydown", (event) => {
    const count = suggestions.length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive((active + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === "Enter" && count && !listbox.hidden) {
      event.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (!listbox.hidden) close();
      else input.value = "";
    }
  });

  input.addEventListener("blur", close);
})();
