// Where the decision is kept: a first-party cookie.

/** The value of the cookie `name`, decoded; null if there is none or it cannot be decoded. */
export function readCookie(name) {
  const prefix = `${name}=`;
  const raw = document.cookie.split("; ").find((cookie) => cookie.startsWith(prefix));
  try {
    return raw ? decodeURIComponent(raw.slice(prefix.length)) : null;
  } catch {
    return null;
  }
}

export function writeCookie(name, value, days) {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${name}=${encodeURIComponent(value)}; Max-Age=${days * 86400}; Path=/; SameSite=Lax${secure}`;
}

export function cookieNames() {
  return document.cookie.split("; ").filter(Boolean).map((cookie) => cookie.split("=")[0]);
}

/** Delete the cookie `name` on this host and on each parent domain it may have been set for. */
export function deleteCookie(name) {
  const labels = location.hostname.split(".");
  const domains = [""].concat(labels.slice(0, -1).map((_, index) => `; Domain=.${labels.slice(index).join(".")}`));
  for (const domain of domains) document.cookie = `${name}=; Max-Age=0; Path=/${domain}`;
}

/** Send the record of a decision to the site owner's log, a path on this site (extra.notice.consent_log_url). */
export function send(url, record) {
  navigator.sendBeacon(url, new Blob([JSON.stringify(record)], { type: "application/json" }));
}
