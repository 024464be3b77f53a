// A refused form: move the focus to the summary of its errors at the top of the page, so a
// keyboard or screen-reader user hears what to fix and can follow each link to its field.
const summary = document.querySelector(".error-summary");
if (summary) {
  summary.focus();
}

// "Ma structure n'est pas dans la liste": the fields of the proposal show once it is ticked
// (without JavaScript they are always shown).
for (const proposal of document.querySelectorAll("[data-structure-proposal]")) {
  const box = document.getElementById(proposal.dataset.toggle);
  if (!box) continue;
  const show = () => {
    proposal.hidden = !box.checked;
  };
  box.addEventListener("change", show);
  show();
}
