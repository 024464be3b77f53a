// "Ajouter un fichier", "Ajouter une option": a new row of a Django formset, copied from its
// <template> (the formset's empty form), numbered, and counted in TOTAL_FORMS.

export function initFormsets(root) {
  root.querySelectorAll("[data-formset]").forEach((fieldset) => {
    const prefix = fieldset.dataset.formsetPrefix;
    const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const max = fieldset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`);
    const rows = fieldset.querySelector("[data-formset-rows]");
    const template = fieldset.querySelector("template[data-formset-template]");
    const add = fieldset.querySelector("[data-formset-add]");
    const full = fieldset.querySelector("[data-formset-full]");
    if (!total || !rows || !template || !add) return;
    const limit = max ? Number.parseInt(max.value, 10) : Number.POSITIVE_INFINITY;

    const refresh = () => {
      const reached = Number.parseInt(total.value, 10) >= limit;
      add.hidden = reached;
      if (full) full.hidden = !reached;
    };

    add.addEventListener("click", () => {
      const count = Number.parseInt(total.value, 10);
      if (count >= limit) return;
      const html = template.innerHTML.replaceAll("__prefix__", String(count));
      const holder = document.createElement("template");
      holder.innerHTML = html.trim();
      const row = holder.content.firstElementChild;
      row.querySelectorAll("[data-formset-number]").forEach((number) => {
        number.textContent = String(count + 1);
      });
      rows.append(row);
      total.value = String(count + 1);
      refresh();
      // Keyboard users land on the new field; if the button went away, focus is not lost.
      row.querySelector("input:not([type=hidden]), select, textarea")?.focus();
    });
    refresh();
  });
}
