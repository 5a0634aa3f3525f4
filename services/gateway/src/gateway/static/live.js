// Live updates for signed-in users: the bell's count, and what an open case page or list shows, without
// reloading by hand. The server-sent stream (/live) says only what changed where; the page then asks
// for what it shows with the user's own rights. Without JavaScript, every page is still current on load.
(function () {
  "use strict";
  const bell = document.querySelector("[data-bell]");
  const count = document.querySelector("[data-bell-count]");

  function showCount(unread) {
    if (!count || !bell) return;
    if (typeof unread !== "number") {
      count.hidden = true;
      return;
    }
    count.textContent = unread > 99 ? "99+" : String(unread);
    count.hidden = unread === 0;
    bell.dataset.unread = String(unread);
  }

  fetch("/notiser/antal", { credentials: "same-origin", headers: { accept: "application/json" } })
    .then((response) => response.json())
    .then((body) => showCount(body.unread))
    .catch(() => showCount(null));

  const casePage = document.querySelector("[data-live-case]");
  const caseId = casePage ? casePage.dataset.liveCase : null;
  const list = document.querySelector("[data-live-list]");
  let reloadTimer = null;

  function refreshNotes() {
    const thread = document.querySelector("[data-notes-thread]");
    if (!thread) return;
    fetch(`/arenden/${caseId}/anteckningar`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-notes-thread]");
        if (fresh) thread.replaceWith(fresh);
      })
      .catch(() => {});
  }

  function caseChanged() {
    // A form being filled in is never thrown away: the page says the case changed instead.
    const typing = Array.from(document.querySelectorAll("textarea, input[type=text]")).some((f) => f.value);
    if (typing) {
      const banner = document.querySelector("[data-case-changed]");
      if (banner) banner.hidden = false;
      return;
    }
    window.location.reload();
  }

  function onCase(message) {
    if (caseId && message.case_id === caseId) {
      if (message.what === "note_added") refreshNotes();
      else if (message.what === "status_changed" || message.what === "handler_assigned") caseChanged();
      return;
    }
    if (list) {
      // A list shows statuses, handlers and unread notes: reload it once a burst of changes settles.
      window.clearTimeout(reloadTimer);
      reloadTimer = window.setTimeout(() => window.location.reload(), 150);
    }
  }

  if (!("EventSource" in window)) return;
  // From when this page was rendered: a change made while it loaded is not lost.
  const since = bell && bell.dataset.liveSince ? `?since=${encodeURIComponent(bell.dataset.liveSince)}` : "";
  const source = new EventSource(`/live${since}`);

  source.addEventListener("message", (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    if (message.kind === "bell") showCount(message.unread);
    else if (message.kind === "case") onCase(message);
  });
  window.addEventListener("pagehide", () => source.close());
})();
