// Upload with a progress bar. On S3 the browser sends the file straight to the bucket with a
// presigned POST, then submits the form with the ticket so the server verifies the object; on
// the filesystem default the whole form goes to Django. Without JavaScript the form still works.

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

function replacePage(xhr) {
  // Django answered with a page (redirect followed, or the form with its errors).
  if (xhr.responseURL && xhr.status < 400 && xhr.responseURL !== window.location.href) {
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

function wire(form) {
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

document.querySelectorAll("form[data-upload]").forEach(wire);
