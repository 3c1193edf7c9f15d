// Samen's only script besides htmx: "select all" for the bulk-action tables.
// A checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  document
    .querySelectorAll(`input[type="checkbox"][name="${CSS.escape(box.dataset.selectAll)}"]`)
    .forEach((other) => { other.checked = box.checked; });
});
