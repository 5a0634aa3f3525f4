// Project pages. Without JavaScript every case has its checkbox, every action and field is shown, and a
// running job's page refreshes itself; the server checks everything again either way.
//
// The project page: a click on a case's row selects that case only, Ctrl/Cmd-click adds or removes it,
// Shift-click selects the rows from the last one clicked; "select all" per group. The action menu
// offers only the actions every selected case's status allows (each option names its statuses).
(function () {
  "use strict";
  const form = document.querySelector("[data-bulk-form]");
  if (!form) return;
  const rows = Array.from(document.querySelectorAll("tr[data-case-row]"));
  const box = (row) => row.querySelector("[data-select-case]");
  const menu = form.querySelector("[data-bulk-action]");
  const count = form.querySelector("[data-selected-count]");
  const submit = form.querySelector("[data-bulk-submit]");
  const noCommon = form.querySelector("[data-no-common-action]");
  const reasonField = form.querySelector("[data-reason-field]");
  const targetFields = Array.from(form.querySelectorAll("[data-target-field]"));
  // Each group's "select all" box with its rows, found once: a project may have thousands of cases.
  const groups = Array.from(document.querySelectorAll("[data-select-group]")).map((all) => ({
    all,
    rows: rows.filter((row) => all.closest("table").contains(row)),
  }));
  let anchor = null;

  const selected = () => rows.filter((row) => box(row).checked);

  function update() {
    const chosen = selected();
    const statuses = new Set(chosen.map((row) => row.dataset.status));
    for (const row of rows) {
      const on = box(row).checked;
      row.classList.toggle("is-selected", on);
      row.setAttribute("aria-selected", on ? "true" : "false");
    }
    for (const { all, rows: own } of groups) {
      const on = own.filter((row) => box(row).checked).length;
      all.hidden = false;
      all.checked = on > 0 && on === own.length;
      all.indeterminate = on > 0 && on < own.length;
    }
    let offered = 0;
    for (const option of menu.options) {
      if (!option.value) continue;
      const from = option.dataset.from.split(" ");
      const allowed = statuses.size > 0 && Array.from(statuses).every((status) => from.includes(status));
      option.disabled = !allowed;
      option.hidden = !allowed;
      if (allowed) offered += 1;
    }
    if (menu.selectedOptions.length && menu.selectedOptions[0].disabled) menu.value = "";
    const template = chosen.length === 1 ? count.dataset.templateOne : count.dataset.template;
    count.textContent = template.replace("{count}", String(chosen.length));
    noCommon.hidden = !(chosen.length > 0 && offered === 0);
    const action = menu.selectedOptions.length ? menu.selectedOptions[0] : null;
    const reason = action && action.value ? action.dataset.reason : "none";
    reasonField.hidden = reason === "none";
    reasonField.querySelector("textarea").required = reason === "required";
    for (const field of targetFields) {
      field.hidden = !action || action.dataset.target !== field.dataset.targetField;
    }
    submit.disabled = chosen.length === 0 || !menu.value;
  }

  function setRange(from, to, on) {
    const [first, last] = from < to ? [from, to] : [to, from];
    for (let index = first; index <= last; index += 1) box(rows[index]).checked = on;
  }

  function choose(row, event, toggled) {
    const index = rows.indexOf(row);
    if (event.shiftKey && anchor !== null) {
      if (!(event.ctrlKey || event.metaKey) && !toggled) for (const other of rows) box(other).checked = false;
      setRange(anchor, index, true);
    } else if (toggled) {
      anchor = index; // the checkbox itself: the browser has toggled it already
    } else if (event.ctrlKey || event.metaKey) {
      box(row).checked = !box(row).checked;
      anchor = index;
    } else {
      for (const other of rows) box(other).checked = other === row;
      anchor = index;
    }
    update();
  }

  for (const row of rows) {
    row.addEventListener("mousedown", (event) => {
      if (event.shiftKey) event.preventDefault(); // no text selection on shift-click
    });
    row.addEventListener("click", (event) => {
      if (event.target.closest("a")) return; // the case number opens the case
      choose(row, event, event.target === box(row));
    });
  }
  for (const { all, rows: own } of groups) {
    all.addEventListener("change", () => {
      for (const row of own) box(row).checked = all.checked;
      update();
    });
  }
  menu.addEventListener("change", update);

  // One field carries the whole selection: a form may carry at most 1,000 fields.
  form.addEventListener("submit", (event) => {
    const chosen = selected();
    if (chosen.length === 0 || !menu.value) {
      event.preventDefault();
      return;
    }
    form.querySelector("[data-selection-field]").value = chosen.map((row) => row.dataset.caseId).join(" ");
    for (const row of rows) box(row).disabled = true;
  });
  window.addEventListener("pageshow", () => {
    for (const row of rows) box(row).disabled = false;
  });
  update();
})();

// A job's page: its progress polled until it is finished, then the page again with every outcome.
(function () {
  "use strict";
  const job = document.querySelector("[data-job]");
  if (!job || job.dataset.finished === "true") return;
  const bar = job.querySelector("[data-job-bar]");
  const text = job.querySelector("[data-job-progress]");

  function show(progress) {
    bar.max = progress.total || 1;
    bar.value = progress.total ? progress.handled : 1;
    for (const key of ["handled", "total", "done", "failed"]) text.dataset[key] = String(progress[key]);
    text.textContent = text.dataset.template.replace(/\{(handled|total|done|failed)\}/g, (_, key) =>
      String(progress[key]),
    );
  }

  function poll() {
    fetch(job.dataset.jobStatusUrl, { credentials: "same-origin", headers: { accept: "application/json" } })
      .then((response) => {
        const json = (response.headers.get("content-type") || "").includes("application/json");
        return response.ok && json ? response.json() : Promise.reject(response.status);
      })
      .then((progress) => {
        show(progress);
        if (progress.finished) window.location.reload();
        else window.setTimeout(poll, 1000);
      })
      .catch(() => window.location.reload()); // signed out, gone or failing: the page itself says so
  }
  window.setTimeout(poll, 500);
})();
