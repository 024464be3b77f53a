// Show the messages an upload's background request received ("Le document est déposé."): that
// request followed the redirect and consumed them before upload.js opened this page.
const CARRIED = "cimaise:carried-messages";

function carried() {
  try {
    const raw = sessionStorage.getItem(CARRIED);
    sessionStorage.removeItem(CARRIED);
    return raw ? JSON.parse(raw) : [];
  } catch {
    return [];
  }
}

const items = carried();
const main = document.getElementById("main");
if (items.length && main && !main.querySelector(".messages")) {
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  const list = document.createElement("ul");
  list.className = "messages";
  region.append(list);
  for (const item of items) {
    const li = document.createElement("li");
    li.className = String(item.className || "message");
    li.textContent = String(item.text || "");
    list.append(li);
  }
  main.prepend(region);
}
