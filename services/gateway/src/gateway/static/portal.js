// Header menus are <details> elements, so they work without JavaScript; this only makes them behave
// like menus: one open at a time, closed by Escape or a click elsewhere.
(function () {
  "use strict";
  const menus = () => Array.from(document.querySelectorAll("details.menu"));
  document.addEventListener("click", (event) => {
    for (const menu of menus()) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const menu of menus()) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    }
  });
  for (const menu of menus()) {
    menu.addEventListener("toggle", () => {
      if (!menu.open) return;
      for (const other of menus()) if (other !== menu) other.open = false;
    });
  }
})();

// A checkbox with data-reveals="<id>" shows that element only while checked (e.g. the personal number
// for sole traders). Without JavaScript the element simply stays visible.
(function () {
  "use strict";
  for (const box of document.querySelectorAll("input[type=checkbox][data-reveals]")) {
    const target = document.getElementById(box.dataset.reveals);
    if (!target) continue;
    const sync = () => { target.hidden = !box.checked; };
    box.addEventListener("change", sync);
    sync();
  }
})();
