// The widget: mounts on [data-notice-consent], keeps the visitor's decision and applies it to the page.
// Importing this module does nothing; ../consent.js (the file mkdocs.yml loads) mounts it.
import { ATTRIBUTE, EVENT, NECESSARY } from "./constants.js";
import { activate, part, signalGoogle, syncSwitches } from "./dom.js";
import { allowed, cookiesToDelete, decide, parse, withdrawn } from "./state.js";
import { cookieNames, deleteCookie, readCookie, writeCookie } from "./storage.js";

let config = null;
let root = null;
let decision = null;
let opener = null;
let activated = new Set();

const gpc = () => navigator.globalPrivacyControl === true;
const optional = () => config.categories.map((category) => category.id);

/** The visitor's current choice, or null if they have not chosen (or their choice expired). */
export function getConsent() {
  return decision && {
    categories: [...decision.categories], time: new Date(decision.time), expires: new Date(decision.expires), revision: decision.revision,
  };
}

/** Open the preferences dialog; focus returns to `trigger` (or the focused element) when it closes. */
export function openPreferences(trigger = document.activeElement) {
  if (!root) return;
  const dialog = part(root, "dialog");
  opener = trigger;
  syncSwitches(dialog, optional(), decision ? decision.categories : [], gpc() ? config.gpc : []);
  dialog.showModal();
  dialog.querySelector("[tabindex='-1']").focus();
}

/** Call `listener` with the event each time the choice changes; returns a function that stops it. */
export function onChange(listener) {
  document.addEventListener(EVENT, listener);
  return () => document.removeEventListener(EVENT, listener);
}

/** Start the widget on the page's [data-notice-consent], with the configuration the build put beside it. */
export function mount() {
  const source = document.getElementById("notice-consent-config");
  root = document.querySelector("[data-notice-consent]");
  if (!source || !root) return;
  config = JSON.parse(source.textContent);
  const stored = readCookie(config.cookie);
  decision = stored === null ? null : parse(stored, config, Date.now(), gpc());
  root.hidden = false;
  part(root, "gpc").hidden = !gpc();
  if (config.googleConsentMode) signalGoogle("default", decision ? decision.categories : []);
  if (decision) activated = activate(decision.categories);
  else part(root, "banner").hidden = false;
  document.addEventListener("click", onClick);
  part(root, "dialog").addEventListener("close", returnFocus);
}

/** Forget the page's state and listeners (for tests): mount() starts afresh. */
export function reset() {
  document.removeEventListener("click", onClick);
  if (root) part(root, "dialog").removeEventListener("close", returnFocus);
  config = root = decision = opener = null;
  activated = new Set();
}

function choose(categories) {
  const before = decision ? decision.categories : [NECESSARY];
  decision = decide(categories, config, gpc(), Date.now());
  writeCookie(config.cookie, JSON.stringify(decision), config.days);
  const gone = withdrawn(before, decision.categories);
  cookiesToDelete(gone, config, cookieNames()).forEach(deleteCookie);
  part(root, "banner").hidden = true;
  if (part(root, "dialog").open) part(root, "dialog").close();
  part(root, "status").textContent = part(root, "status").dataset.saved;
  if (config.googleConsentMode) signalGoogle("update", decision.categories);
  document.dispatchEvent(new CustomEvent(EVENT, { detail: getConsent() }));
  // A script that already ran cannot be stopped: reload so that the page runs only what is allowed now.
  if (gone.some((id) => activated.has(id))) location.reload();
  else activate(decision.categories).forEach((id) => activated.add(id));
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
  const dialog = part(root, "dialog");
  if (action === "accept") choose(optional());
  else if (action === "reject") choose([]);
  else if (action === "customise") openPreferences(button);
  else if (action === "save") choose([...dialog.querySelectorAll("input[name]:checked")].map((input) => input.name));
  else if (action === "close") dialog.close();
}

function returnFocus() {
  const target = opener && opener.isConnected && opener.offsetParent !== null ? opener : document.querySelector(`[${ATTRIBUTE.open}]`);
  if (target) target.focus();
  opener = null;
}
