// Samen's only script besides htmx: "select all" for the bulk-action tables.
// A checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  document
    .querySelectorAll(`input[type="checkbox"][name="${CSS.escape(box.dataset.selectAll)}"]`)
    .forEach((other) => { other.checked = box.checked; });
});

// Pickers (samen/templates/samen/picker.html): a search box whose matches htmx fills in, and a
// hidden input holding the choice. Choosing fires "change" on the picker, so a filter form
// reloads its rows as with any other field.
(() => {
  const listOf = (picker) => picker.querySelector(".picker-options");
  const searchOf = (picker) => picker.querySelector(".picker-search");
  const open = (picker, yes) => {
    listOf(picker).hidden = !yes;
    searchOf(picker).setAttribute("aria-expanded", yes ? "true" : "false");
  };
  const choose = (option) => {
    const picker = option.closest("[data-picker]");
    const search = searchOf(picker);
    const label = option.textContent.trim();
    let changed;
    if (picker.dataset.pickerMultiple) {
      const list = picker.querySelector(".picker-chosen");
      if (!list.querySelector(`input[value="${CSS.escape(option.dataset.value)}"]`)) {
        const chip = document.createElement("li");
        chip.className = "chip";
        const input = document.createElement("input");
        Object.assign(input, { type: "hidden", name: picker.dataset.pickerMultiple, value: option.dataset.value });
        const remove = document.createElement("button");
        Object.assign(remove, { type: "button", className: "chip-remove", textContent: "×" });
        remove.dataset.pickerRemove = "";
        remove.setAttribute("aria-label", `${label} ${picker.dataset.removeText || ""}`.trim());
        chip.append(input, `${label} `, remove);
        list.append(chip);
        changed = input;
      }
      search.value = "";
    } else {
      changed = picker.querySelector("[data-picker-value]");
      changed.value = option.dataset.value;
      search.value = label;
    }
    open(picker, false);
    search.focus();
    if (changed) changed.dispatchEvent(new Event("change", { bubbles: true }));
  };
  document.addEventListener("htmx:afterSwap", (event) => {
    const picker = event.target.closest && event.target.closest("[data-picker]");
    if (picker && event.target.matches(".picker-options")) open(picker, event.target.children.length > 0);
  });
  // The search box's own "change" is not a choice: keep it from filter forms.
  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches(".picker-search")) event.stopPropagation();
  }, true);
  document.addEventListener("input", (event) => {
    const search = event.target;
    if (!search.matches || !search.matches(".picker-search") || search.value.trim()) return;
    const picker = search.closest("[data-picker]");
    const hidden = picker.querySelector("[data-picker-value]");
    open(picker, false);
    if (hidden && hidden.value) {  // emptied: nothing chosen any more
      hidden.value = "";
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
  document.addEventListener("click", (event) => {
    const option = event.target.closest && event.target.closest("[data-picker-option]");
    if (option) return choose(option);
    const remove = event.target.closest && event.target.closest("[data-picker-remove]");
    if (remove) {
      const picker = remove.closest("[data-picker]");
      remove.closest(".chip").remove();
      picker.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    document.querySelectorAll("[data-picker]").forEach((p) => { if (!p.contains(event.target)) open(p, false); });
  });
  document.addEventListener("keydown", (event) => {
    const picker = event.target.closest && event.target.closest("[data-picker]");
    if (!picker) return;
    const options = [...listOf(picker).querySelectorAll("[data-picker-option]")];
    const at = options.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      open(picker, true);
      options[Math.min(at + 1, options.length - 1)].focus();
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      if (at <= 0) searchOf(picker).focus(); else options[at - 1].focus();
    } else if (event.key === "Enter" && at >= 0) {
      event.preventDefault();
      choose(options[at]);
    } else if (event.key === "Enter" && event.target.matches(".picker-search")) {
      event.preventDefault();  // Enter in the search box chooses the only match, never submits
      if (options.length === 1) choose(options[0]);
    } else if (event.key === "Escape") {
      open(picker, false);
      searchOf(picker).focus();
    }
  });
})();

// Autosave forms (data-autosave, htmx): a save that cannot reach the server says so and is
// sent again when the connection is back (or in ten seconds), so nothing typed on a phone with
// a dropped connection is lost.
(() => {
  const say = (text) => {
    const status = document.getElementById("autosave-status");
    if (status) status.textContent = text || "";
  };
  const retry = (event) => {
    const form = event.detail.elt?.closest?.("[data-autosave]");
    if (!form) return;
    say(form.dataset.offlineText);
    const again = () => htmx.trigger(form, "change");
    window.addEventListener("online", again, { once: true });
    setTimeout(again, 10000);
  };
  document.addEventListener("htmx:sendError", retry);
  document.addEventListener("htmx:responseError", retry);

  // "Opgeslagen om …" only when the last change is saved: a change says it waits (htmx sends
  // it 800 ms later), and a save that answers for an earlier state does not claim the newer.
  const pending = (form) => say(form.dataset.pendingText);
  const edited = (event) => {
    const form = event.target.closest?.("[data-autosave]");
    if (!form) return;
    form.samenEdits = (form.samenEdits || 0) + 1;
    pending(form);
  };
  // Counted while capturing, before htmx (listening on the form) sends the save it triggers.
  document.addEventListener("input", edited, true);
  document.addEventListener("change", edited, true);
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (form?.matches?.("[data-autosave]")) form.samenSent = form.samenEdits || 0;
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    const form = event.target.closest?.("[data-autosave]"); // the status swapped in it
    if (!form) return;
    if ((form.samenEdits || 0) > (form.samenSent || 0)) pending(form);
  });
})();
