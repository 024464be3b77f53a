// Live notifications for members: keeps the bell's count right and shows a toast per notification.
// The server is the source of truth: on every (re)connection the count is fetched over HTTP,
// so nothing is lost while the socket was down.

const SOCKET_PATH = "/ws/notifications/";
const API_URL = "/notifications/api/";
const TOAST_MS = 8000;
const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const PING_MS = 25000;
// The server closes with this code when the person is no longer a current member (suspended,
// refused, lapsed, account closed): reconnecting would only be refused, so the client stops.
const ENDED_CODE = 4403;

const bell = document.getElementById("notification-bell");
const badge = document.getElementById("notification-count");
const toasts = document.getElementById("toasts");

// The wording comes translated from the page (data-text-* on #toasts, see base.html).
const text = {
  dismiss: toasts?.dataset.textDismiss || "Fermer la notification",
  fresh: toasts?.dataset.textFresh || "Nouvelle notification :",
};

let socket = null;
let delay = MIN_DELAY_MS;
let retryTimer = null;
let pingTimer = null;
let ended = false;

function setCount(count) {
  if (!badge || !Number.isInteger(count) || count < 0) return;
  badge.textContent = String(count);
  badge.dataset.count = String(count);
}

function setState(state) {
  if (bell) bell.dataset.live = state;
}

async function resync() {
  try {
    const response = await fetch(API_URL, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) return;
    const data = await response.json();
    setCount(data.unread_count);
  } catch {
    // Offline: the next reconnection resyncs.
  }
}

function openUrl(notification) {
  // Following the link through the center marks the notification as read.
  return notification.url ? `/notifications/${encodeURIComponent(notification.id)}/ouvrir/` : null;
}

function showToast(notification) {
  if (!toasts || !notification) return;
  const toast = document.createElement("div");
  toast.className = "toast";
  toast.dataset.notificationId = String(notification.id);

  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = `${text.fresh} `;
  toast.append(label);

  const href = openUrl(notification);
  const title = document.createElement(href ? "a" : "span");
  title.textContent = notification.title;
  if (href) title.href = href;
  toast.append(title);

  const dismiss = document.createElement("button");
  dismiss.type = "button";
  dismiss.className = "link-button toast-dismiss";
  dismiss.setAttribute("aria-label", text.dismiss);
  dismiss.textContent = "×";
  // CSSOM properties, not a style attribute: allowed by the site's Content Security Policy.
  dismiss.style.color = "#fff";
  dismiss.style.marginLeft = ".75rem";
  dismiss.style.textDecoration = "none";
  dismiss.style.fontSize = "1.2em";
  dismiss.addEventListener("click", () => toast.remove());
  toast.append(dismiss);

  // The timer pauses while the pointer or the keyboard focus is on the toast.
  let timer = null;
  const start = () => {
    clearTimeout(timer);
    timer = setTimeout(() => toast.remove(), TOAST_MS);
  };
  const pause = () => clearTimeout(timer);
  toast.addEventListener("mouseenter", pause);
  toast.addEventListener("mouseleave", start);
  toast.addEventListener("focusin", pause);
  toast.addEventListener("focusout", start);
  toasts.append(toast);
  start();
}

function handle(data) {
  if (!data || typeof data !== "object") return;
  if (data.type === "notification") {
    setCount(data.unread_count);
    showToast(data.notification);
  } else if (data.type === "unread_count") {
    setCount(data.unread_count);
  }
}

function scheduleReconnect() {
  clearTimeout(retryTimer);
  // Exponential backoff with a little jitter, so a restarted server is not hit all at once.
  const wait = Math.min(delay, MAX_DELAY_MS) * (0.8 + Math.random() * 0.4);
  retryTimer = setTimeout(connect, wait);
  delay = Math.min(delay * 2, MAX_DELAY_MS);
}

function connect() {
  clearTimeout(retryTimer);
  if (ended) return;
  if (socket && socket.readyState <= WebSocket.OPEN) return;
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  setState("connecting");
  try {
    socket = new WebSocket(`${scheme}://${window.location.host}${SOCKET_PATH}`);
  } catch {
    socket = null;
    setState("closed");
    scheduleReconnect();
    return;
  }
  socket.addEventListener("open", () => {
    delay = MIN_DELAY_MS;
    setState("open");
    resync();
    clearInterval(pingTimer);
    pingTimer = setInterval(() => {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: "ping" }));
      }
    }, PING_MS);
  });
  socket.addEventListener("message", (event) => {
    try {
      handle(JSON.parse(event.data));
    } catch {
      // Not ours: ignore.
    }
  });
  socket.addEventListener("close", (event) => {
    clearInterval(pingTimer);
    socket = null;
    if (event.code === ENDED_CODE) {
      ended = true;
      setState("ended");
      return;
    }
    setState("closed");
    scheduleReconnect();
  });
}

window.addEventListener("online", () => {
  delay = MIN_DELAY_MS;
  connect();
});
// Another tab may have read notifications: resync when this one comes back into view.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") resync();
});

if (badge) connect();
