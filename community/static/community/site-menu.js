// On narrow screens the header folds into a "Menu" disclosure button (aria-expanded); without
// JavaScript the button stays hidden and everything is shown, as on wide screens.
const header = document.querySelector(".site-header");
const toggle = header?.querySelector(".menu-toggle");

if (header && toggle) {
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    header.dataset.menu = open ? "open" : "closed";
  };
  setOpen(false);
  toggle.hidden = false;
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  header.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
}
