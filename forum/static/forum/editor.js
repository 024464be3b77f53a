// The message editor: a real textarea (labelled; Tab leaves it) with a toolbar of named
// buttons that write Markdown, a server-rendered preview, and Ctrl+Enter to publish.

const PREFIXES = { quote: "> ", list: "- " };

function replaceSelection(textarea, text, selectFrom, selectTo) {
  const start = textarea.selectionStart;
  textarea.focus();
  // execCommand keeps the browser's undo history (Ctrl+Z); setRangeText is the fallback.
  let inserted = false;
  try {
    inserted = document.execCommand("insertText", false, text);
  } catch {
    inserted = false;
  }
  if (!inserted) {
    textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  textarea.setSelectionRange(start + selectFrom, start + selectTo);
}

function wrap(textarea, mark, placeholder) {
  const { selectionStart: s, selectionEnd: e, value } = textarea;
  const inner = value.slice(s, e) || placeholder;
  replaceSelection(textarea, `${mark}${inner}${mark}`, mark.length, mark.length + inner.length);
}

function link(textarea, placeholder) {
  const { selectionStart: s, selectionEnd: e, value } = textarea;
  const label = value.slice(s, e) || placeholder;
  const url = "https://";
  const text = `[${label}](${url})`;
  // The address is what is left to type: select it.
  replaceSelection(textarea, text, label.length + 3, label.length + 3 + url.length);
}

function prefixLines(textarea, prefix) {
  const { value } = textarea;
  const lineStart = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
  let lineEnd = value.indexOf("\n", textarea.selectionEnd);
  if (lineEnd === -1) lineEnd = value.length;
  const lines = value.slice(lineStart, lineEnd).split("\n");
  const all = lines.every((line) => line.startsWith(prefix));
  const changed = lines
    .map((line) => (all ? line.slice(prefix.length) : prefix + line))
    .join("\n");
  textarea.setSelectionRange(lineStart, lineEnd);
  replaceSelection(textarea, changed, 0, changed.length);
}

function format(editor, kind) {
  const textarea = editor.textarea;
  const texts = editor.root.dataset;
  if (kind === "bold") wrap(textarea, "**", texts.textBold || "gras");
  else if (kind === "italic") wrap(textarea, "_", texts.textItalic || "italique");
  else if (kind === "link") link(textarea, texts.textLink || "texte du lien");
  else if (PREFIXES[kind]) prefixLines(textarea, PREFIXES[kind]);
}

// A toolbar is one tab stop; the arrow keys move between its buttons (ARIA toolbar pattern).
function makeTabStop(toolbar, target) {
  toolbar.querySelectorAll("button").forEach((button) => {
    button.tabIndex = button === target ? 0 : -1;
  });
}

function rovingFocus(toolbar) {
  makeTabStop(toolbar, toolbar.querySelector("button"));
  toolbar.addEventListener("keydown", (event) => {
    // Disabled buttons (while previewing) are skipped.
    const buttons = [...toolbar.querySelectorAll("button:not([disabled])")];
    const index = buttons.indexOf(document.activeElement);
    if (index === -1) return;
    let next = null;
    if (event.key === "ArrowRight") next = (index + 1) % buttons.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + buttons.length) % buttons.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    if (next === null) return;
    event.preventDefault();
    makeTabStop(toolbar, buttons[next]);
    buttons[next].focus();
  });
}

async function showPreview(editor) {
  const { root, textarea, output } = editor;
  const form = textarea.form;
  const text = textarea.value.trim();
  output.hidden = false;
  textarea.hidden = true;
  if (!text) {
    output.textContent = root.dataset.textEmpty;
    return;
  }
  const body = new FormData();
  body.append("content", textarea.value);
  const token = form?.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) body.append("csrfmiddlewaretoken", token.value);
  try {
    const response = await fetch(root.dataset.previewUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    });
    if (!response.ok) throw new Error(String(response.status));
    // The server renders and sanitizes the Markdown exactly as it will store it.
    output.innerHTML = await response.text();
  } catch {
    output.textContent = root.dataset.textFailed;
  }
}

function setPreview(editor, on) {
  const { toggle, textarea, output, formatButtons } = editor;
  toggle.setAttribute("aria-pressed", on ? "true" : "false");
  formatButtons.forEach((button) => {
    button.disabled = on;
  });
  // The toolbar stays reachable with Tab: while previewing, through the preview button.
  makeTabStop(toggle.parentElement, on ? toggle : formatButtons[0]);
  if (on) {
    showPreview(editor);
  } else {
    output.hidden = true;
    output.replaceChildren();
    textarea.hidden = false;
  }
}

function submitFrom(textarea) {
  const form = textarea.form;
  if (!form) return;
  const submit = form.querySelector("[data-editor-submit]");
  if (typeof form.requestSubmit === "function") form.requestSubmit(submit || undefined);
  else form.submit();
}

const editors = new WeakMap();

export function insertIntoEditor(textarea, text) {
  const editor = editors.get(textarea);
  if (editor && editor.toggle.getAttribute("aria-pressed") === "true") setPreview(editor, false);
  const value = textarea.value;
  let separator = "\n\n";
  if (!value || value.endsWith("\n\n")) separator = "";
  else if (value.endsWith("\n")) separator = "\n";
  textarea.focus();
  textarea.setSelectionRange(value.length, value.length);
  const insertion = separator + text;
  replaceSelection(textarea, insertion, insertion.length, insertion.length);
}

export function quoteLabel(textarea) {
  return editors.get(textarea)?.root.dataset.textQuote || "a écrit :";
}

export function initEditors(root) {
  root.querySelectorAll("[data-editor]").forEach((node) => {
    const textarea = node.querySelector("textarea");
    const toolbar = node.querySelector("[role=toolbar]");
    const output = node.querySelector("[data-editor-output]");
    if (!textarea || !toolbar || !output) return;
    const toggle = toolbar.querySelector("[data-editor-preview]");
    const editor = {
      root: node,
      textarea,
      output,
      toggle,
      formatButtons: [...toolbar.querySelectorAll("[data-format]")],
    };
    editors.set(textarea, editor);
    editor.formatButtons.forEach((button) => {
      button.addEventListener("click", () => format(editor, button.dataset.format));
    });
    toggle.addEventListener("click", () => {
      setPreview(editor, toggle.getAttribute("aria-pressed") !== "true");
    });
    textarea.addEventListener("keydown", (event) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key === "Enter") {
        event.preventDefault();
        submitFrom(textarea);
      } else if (mod && !event.shiftKey && !event.altKey && (event.key === "b" || event.key === "i")) {
        event.preventDefault();
        format(editor, event.key === "b" ? "bold" : "italic");
      }
    });
    // Back to writing before sending, so what is sent is what was last seen.
    textarea.form?.addEventListener("submit", () => {
      if (toggle.getAttribute("aria-pressed") === "true") setPreview(editor, false);
    });
    rovingFocus(toolbar);
    toolbar.hidden = false;
    // The editor has its own preview: the no-script "Aperçu" button of the form can go.
    textarea.form?.querySelectorAll("[data-preview-fallback]").forEach((button) => {
      button.hidden = true;
    });
  });
}
