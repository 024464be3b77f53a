// The sign-in sheet's "Print" button. An ES module rather than an inline onclick: the production
// Content Security Policy forbids inline scripts and event handlers. Without JavaScript the button
// stays hidden and the browser's own print command still works.

for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
  button.hidden = false;
}
