// Upload with a progress bar. On S3 the browser sends the file straight to the bucket with a
// presigned POST, then submits the form with the ticket so the server verifies the object; on
// the filesystem default the whole form goes to Django. A file can also be dropped onto the form.
// Without JavaScript the form still works.

const HASH_LIMIT = 64 * 1024 * 1024; // hash in the browser only files that fit comfortably

function csrfToken(form) {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function showProgress(form, fraction) {
  const box = form.querySelector(".upload-progress");
  const bar = box.querySelector("progress");
  const label = box.querySelector(".upload-percent");
  box.hidden = false;
  const percent = Math.round(fraction * 100);
  bar.value = percent;
  label.textContent = `${percent} %`;
}

function showError(form, message) {
  const box = form.querySelector(".upload-error");
  box.textContent = message;
  box.hidden = false;
  form.querySelector("button[type=submit]").disabled = false;
}

function send(method, url, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => resolve(xhr));
    xhr.addEventListener("error", () => reject(new Error("network")));
    xhr.addEventListener("abort", () => reject(new Error("abort")));
    xhr.send(body);
  });
}

async function sha256Hex(file) {
  if (!window.crypto || !crypto.subtle || file.size > HASH_LIMIT) return "";
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

const CARRIED = "cimaise:carried-messages";

function carryMessages(html) {
  // The request that followed the redirect already took the page's messages ("Le document est
  // déposé."): hand them to the next page, which shows them (carried-messages.js).
  const page = new DOMParser().parseFromString(html, "text/html");
  const items = Array.from(page.querySelectorAll(".messages .message"), (li) => ({
    className: li.className,
    text: li.textContent.trim(),
  }));
  if (!items.length) return;
  try {
    sessionStorage.setItem(CARRIED, JSON.stringify(items));
  } catch {
    // Storage refused (private mode): the document page is still shown, without the message.
  }
}

function replacePage(xhr) {
  // Django answered with a page (redirect followed, or the form with its errors).
  if (xhr.responseURL && xhr.status < 400 && xhr.responseURL !== window.location.href) {
    carryMessages(xhr.responseText);
    window.location.assign(xhr.responseURL);
    return;
  }
  document.open();
  document.write(xhr.responseText);
  document.close();
}

async function prepare(form, file) {
  const body = new FormData();
  body.append("filename", file.name);
  body.append("size", String(file.size));
  if (form.dataset.document) body.append("document", form.dataset.document);
  if (form.dataset.folder) body.append("folder", form.dataset.folder);
  const response = await fetch(form.dataset.prepareUrl, {
    method: "POST",
    body,
    headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || form.dataset.errorNetwork);
  return data;
}

async function submitDirect(form, file, plan) {
  const body = new FormData();
  for (const [key, value] of Object.entries(plan.fields)) body.append(key, value);
  body.append("file", file);
  const xhr = await send("POST", plan.url, body, (f) => showProgress(form, f));
  if (xhr.status >= 300) throw new Error(form.dataset.errorNetwork);
  showProgress(form, 1);
  form.querySelector("input[name=ticket]").value = plan.ticket;
  form.querySelector("input[name=sha256]").value = await sha256Hex(file);
  // The file is in the bucket: submit the form without it so the server verifies the object.
  const input = form.querySelector("input[type=file]");
  input.disabled = true;
  const data = new FormData(form);
  const answer = await send("POST", form.action || window.location.href, data, () => {});
  replacePage(answer);
}

async function submitThroughServer(form) {
  const xhr = await send("POST", form.action || window.location.href, new FormData(form), (f) =>
    showProgress(form, f),
  );
  replacePage(xhr);
}

function titleFromName(name) {
  return name.replace(/\.[^.]+$/, "").replace(/[_-]+/g, " ").trim();
}

function useFile(form, input, file) {
  // A dropped file goes into the real file input, so the form submits it as if chosen.
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  const title = form.querySelector("input[name=title]");
  if (title && !title.value.trim()) title.value = titleFromName(file.name);
  const chosen = form.querySelector(".drop-chosen");
  if (chosen) {
    chosen.textContent = `${form.dataset.dropChosen} ${file.name}`;
    chosen.hidden = false;
  }
}

function wireDrop(form) {
  // Progressive enhancement: drop a file onto the file field (or anywhere on the form).
  const input = form.querySelector("input[type=file]");
  if (!input || !window.DataTransfer) return;
  const zone = input.closest(".field") || input.parentElement;
  zone.classList.add("drop-zone");
  const hint = document.createElement("p");
  hint.className = "drop-hint";
  hint.textContent = form.dataset.dropHint;
  const chosen = document.createElement("p");
  chosen.className = "drop-chosen";
  chosen.setAttribute("aria-live", "polite");
  chosen.hidden = true;
  zone.append(hint, chosen);
  const hasFiles = (event) => Array.from(event.dataTransfer?.types || []).includes("Files");
  form.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    zone.classList.add("is-dragover");
  });
  form.addEventListener("dragleave", (event) => {
    if (!form.contains(event.relatedTarget)) zone.classList.remove("is-dragover");
  });
  form.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.remove("is-dragover");
    const file = event.dataTransfer.files[0];
    if (file) useFile(form, input, file);
  });
  input.addEventListener("change", () => {
    chosen.hidden = true;
  });
}

function wire(form) {
  wireDrop(form);
  form.addEventListener("submit", async (event) => {
    const input = form.querySelector("input[type=file]");
    const file = input && input.files && input.files[0];
    if (!file) return; // let the server say what is missing
    event.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    form.querySelector(".upload-error").hidden = true;
    showProgress(form, 0);
    try {
      const plan = await prepare(form, file);
      if (plan.mode === "s3") await submitDirect(form, file, plan);
      else await submitThroughServer(form);
    } catch (error) {
      showError(form, error.message && error.message !== "network" ? error.message : form.dataset.errorNetwork);
    }
  });
}

async function openFormIn(area, file) {
  // The folder page has no form: fetch the upload page's, put it in place, file chosen.
  const response = await fetch(area.dataset.uploadUrl, { credentials: "same-origin" });
  if (!response.ok) throw new Error("network");
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const source = page.querySelector("form[data-upload]");
  if (!source) throw new Error("network");
  const form = document.importNode(source, true);
  form.action = area.dataset.uploadUrl;
  area.replaceChildren(form);
  area.classList.add("is-open");
  wire(form);
  useFile(form, form.querySelector("input[type=file]"), file);
  const title = form.querySelector("input[name=title]");
  if (title) title.focus();
}

function wireFolderDrop(area) {
  if (!window.DataTransfer || !window.DOMParser) return;
  area.hidden = false;
  const hasFiles = (event) => Array.from(event.dataTransfer?.types || []).includes("Files");
  area.addEventListener("dragover", (event) => {
    if (!hasFiles(event) || area.classList.contains("is-open")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    area.classList.add("is-dragover");
  });
  area.addEventListener("dragleave", (event) => {
    if (!area.contains(event.relatedTarget)) area.classList.remove("is-dragover");
  });
  area.addEventListener("drop", async (event) => {
    if (!hasFiles(event) || area.classList.contains("is-open")) return;
    event.preventDefault();
    area.classList.remove("is-dragover");
    const file = event.dataTransfer.files[0];
    if (!file) return;
    try {
      await openFormIn(area, file);
    } catch {
      const message = document.createElement("p");
      message.className = "error";
      message.setAttribute("role", "alert");
      message.textContent = area.dataset.errorNetwork;
      area.append(message);
    }
  });
}

document.querySelectorAll("form[data-upload]").forEach(wire);
document.querySelectorAll("[data-upload-drop]").forEach(wireFolderDrop);
