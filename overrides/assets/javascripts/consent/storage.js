// Cookies, localStorage and the optional same-site beacon. Storage may be blocked or hold garbage: every read
// tolerates it and returns nothing, which state.js treats as no decision.
const cookies = () => document.cookie.split("; ").map((cookie) => cookie.split(/=(.*)/s));

export const cookieNames = () => cookies().map(([name]) => name);

export function readCookie(name) {
  try {
    return decodeURIComponent(cookies().find(([key]) => key === name)[1]);
  } catch {
    return null;
  }
}

export function writeCookie(name, value, days) {
  document.cookie = `${name}=${encodeURIComponent(value)}; Max-Age=${days * 86400}; Path=/; SameSite=Lax${location.protocol === "https:" ? "; Secure" : ""}`;
}

export function deleteCookie(name) {
  const labels = location.hostname.split(".");
  labels.forEach((_, index) => {
    document.cookie = `${name}=; Max-Age=0; Path=/${index ? `; Domain=.${labels.slice(index - 1).join(".")}` : ""}`;
  });
}

const SEEN = "notice_amendment_seen";

export function seen(version) {
  try {
    if (version) localStorage.setItem(SEEN, version);
    return localStorage.getItem(SEEN);
  } catch {
    return null;
  }
}

export const send = (url, record) => navigator.sendBeacon(url, new Blob([JSON.stringify(record)], { type: "application/json" }));
