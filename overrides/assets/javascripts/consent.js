// The consent widget. It asks once, keeps the answer in a first-party cookie, and runs a gated script or
// frame only once its category is accepted. Its texts, categories, cookies and revision are generated from
// the notice's data into the page; this file decides nothing the data does not say.
//
// For site owners:
//   <script type="text/plain" data-consent-category="statistics" src="…"></script>   runs after consent
//   <iframe data-src="…" data-consent-category="marketing"></iframe>                  loads after consent
//   <a href="…" data-notice-consent-open>Cookie settings</a>                           opens the preferences
//   import { getConsent, openPreferences, onChange } from "/assets/javascripts/consent.js";
//   document.addEventListener("notice-consent:change", (event) => event.detail.categories);

const EVENT = "notice-consent:change";
const NECESSARY = "necessary";
const DAY_MS = 864e5;
const ATTRIBUTE = { open: "data-notice-consent-open", action: "data-notice-consent-action", gated: "data-consent-category" };

let config = null;
let root = null;
let decision = null;
let opener = null;
const activated = new Set();

/** The visitor's current choice, or null if they have not chosen (or their choice expired). */
export function getConsent() {
  return decision && {
    categories: [...decision.categories], time: new Date(decision.time), expires: new Date(decision.expires), revision: decision.revision,
  };
}

/** Open the preferences dialog; focus returns to `trigger` (or the focused element) when it closes. */
export function openPreferences(trigger = document.activeElement) {
  if (!root) return;
  const dialog = part("dialog");
  opener = trigger;
  for (const input of dialog.querySelectorAll("input[name]")) {
    const refused = gpc() && config.gpc.includes(input.name);
    if (optional(input.name)) {
      input.checked = !refused && Boolean(decision && decision.categories.includes(input.name));
      input.disabled = refused;
    }
  }
  dialog.showModal();
  dialog.querySelector("[tabindex='-1']").focus();
}

/** Call `listener` with the event each time the choice changes; returns a function that stops it. */
export function onChange(listener) {
  document.addEventListener(EVENT, listener);
  return () => document.removeEventListener(EVENT, listener);
}

function start() {
  const source = document.getElementById("notice-consent-config");
  root = document.querySelector("[data-notice-consent]");
  if (!source || !root) return;
  config = JSON.parse(source.textContent);
  decision = read();
  root.hidden = false;
  part("gpc").hidden = !gpc();
  signalGoogle("default");
  if (decision) activate();
  else part("banner").hidden = false;
  document.addEventListener("click", onClick);
  part("dialog").addEventListener("close", returnFocus);
}

function part(name) {
  return root.querySelector(`[data-notice-consent-${name}]`);
}

function optional(id) {
  return config.categories.some((category) => category.id === id);
}

function gpc() {
  return navigator.globalPrivacyControl === true;
}

// What may run: necessary always; the chosen optional categories, less those a GPC signal refuses.
function allowed(categories) {
  const refused = gpc() ? config.gpc : [];
  return [NECESSARY, ...config.categories.map((category) => category.id).filter((id) => categories.includes(id) && !refused.includes(id))];
}

function read() {
  const prefix = `${config.cookie}=`;
  const raw = document.cookie.split("; ").find((cookie) => cookie.startsWith(prefix));
  if (!raw) return null;
  try {
    const stored = JSON.parse(decodeURIComponent(raw.slice(prefix.length)));
    const current = stored.revision === config.revision && Date.now() < Date.parse(stored.expires)
      && Date.now() - Date.parse(stored.time) < config.days * DAY_MS;
    return current ? { ...stored, categories: allowed(stored.categories) } : null;
  } catch {
    return null;
  }
}

function decide(categories) {
  const before = decision ? decision.categories : [NECESSARY];
  const now = Date.now();
  decision = {
    revision: config.revision, categories: allowed(categories),
    time: new Date(now).toISOString(), expires: new Date(now + config.days * DAY_MS).toISOString(),
  };
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${config.cookie}=${encodeURIComponent(JSON.stringify(decision))}; Max-Age=${config.days * 86400}; Path=/; SameSite=Lax${secure}`;
  const withdrawn = before.filter((id) => !decision.categories.includes(id));
  withdrawn.forEach(removeCookies);
  part("banner").hidden = true;
  if (part("dialog").open) part("dialog").close();
  part("status").textContent = part("status").dataset.saved;
  signalGoogle("update");
  document.dispatchEvent(new CustomEvent(EVENT, { detail: getConsent() }));
  // A script that already ran cannot be stopped: reload so that the page runs only what is allowed now.
  if (withdrawn.some((id) => activated.has(id))) location.reload();
  else activate();
}

function removeCookies(category) {
  const names = config.categories.find((listed) => listed.id === category)?.cookies || [];
  const labels = location.hostname.split(".");
  const domains = [""].concat(labels.slice(0, -1).map((_, index) => `; Domain=.${labels.slice(index).join(".")}`));
  for (const cookie of document.cookie.split("; ")) {
    const name = cookie.split("=")[0];
    if (!names.some((listed) => name === listed || name.startsWith(`${listed}.`))) continue;
    for (const domain of domains) document.cookie = `${name}=; Max-Age=0; Path=/${domain}`;
  }
}

function activate() {
  for (const element of document.querySelectorAll(`[${ATTRIBUTE.gated}]`)) {
    const category = element.getAttribute(ATTRIBUTE.gated);
    if (!decision.categories.includes(category) || element.hasAttribute("data-consent-activated")) continue;
    element.setAttribute("data-consent-activated", "");
    activated.add(category);
    if (element.tagName === "SCRIPT") {
      const script = document.createElement("script");
      for (const { name, value } of element.attributes) {
        if (name !== "type" && !name.startsWith("data-consent")) script.setAttribute(name, value);
      }
      if (element.dataset.type) script.type = element.dataset.type;
      if (!element.src) script.textContent = element.textContent;
      element.replaceWith(script);
    } else if (element.dataset.src) {
      element.src = element.dataset.src;
    }
  }
}

// Google Consent Mode v2, when the site owner turned it on: denied until the visitor accepts.
function signalGoogle(command) {
  if (!config.googleConsentMode) return;
  const state = (id) => (decision && decision.categories.includes(id) ? "granted" : "denied");
  const marketing = state("marketing");
  window.dataLayer = window.dataLayer || [];
  (function gtag() { window.dataLayer.push(arguments); })("consent", command, {
    analytics_storage: state("statistics"), ad_storage: marketing, ad_user_data: marketing, ad_personalization: marketing,
  });
}

function onClick(event) {
  const trigger = event.target.closest(`[${ATTRIBUTE.open}]`);
  if (trigger) {
    event.preventDefault();
    openPreferences(trigger);
    return;
  }
  const button = event.target.closest(`[${ATTRIBUTE.action}]`);
  if (!button || !root.contains(button)) return;
  const action = button.getAttribute(ATTRIBUTE.action);
  if (action === "accept") decide(config.categories.map((category) => category.id));
  else if (action === "reject") decide([]);
  else if (action === "customise") openPreferences(button);
  else if (action === "save") decide([...part("dialog").querySelectorAll("input[name]:checked")].map((input) => input.name));
  else if (action === "close") part("dialog").close();
}

function returnFocus() {
  const target = opener && opener.isConnected && opener.offsetParent !== null ? opener : document.querySelector("[data-notice-consent-open]");
  if (target) target.focus();
  opener = null;
}

start();
