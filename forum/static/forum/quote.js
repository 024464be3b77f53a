// "Citer": a reply quotes a message (or the part of it that is selected) into the reply box.
import { insertIntoEditor, quoteLabel } from "./editor.js";

function quotedText(body) {
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed && body.contains(selection.anchorNode)) {
    return selection.toString();
  }
  return body.innerText;
}

export function initQuotes(root) {
  const box = root.getElementById ? root.getElementById("reponse") : null;
  const textarea = box?.querySelector("textarea");
  if (!textarea) return;
  root.querySelectorAll("[data-quote]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const post = root.getElementById(button.dataset.quote);
      const body = post?.querySelector(".qa-post-body");
      if (!body) return;
      const lines = quotedText(body).trim().split(/\n+/);
      const author = button.dataset.quoteAuthor;
      const quote = [`> **${author}** ${quoteLabel(textarea)}`, ...lines.map((line) => `> ${line}`)];
      insertIntoEditor(textarea, `${quote.join("\n")}\n\n`);
      textarea.scrollIntoView({ block: "center" });
    });
  });
}
