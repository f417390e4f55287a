// The widget: mounts on [data-notice-consent], keeps the visitor's decision and applies it to the page.
// Importing this module does nothing; ../consent.js (the file mkdocs.yml loads) mounts it.
import { ATTRIBUTE, EVENT } from "./constants.js";
import { activate, download, part, signalGoogle, syncSwitches } from "./dom.js";
import { cookiesToDelete, decide, parse, receipt, signalled } from "./state.js";
import { cookieNames, deleteCookie, readCookie, send, writeCookie } from "./storage.js";

let config = null;
let root = null;
let stored = null; // the stored record as parse() read it ({ record, current }), or null
let opener = null;
let activated = new Set();

const gpc = () => navigator.globalPrivacyControl === true;
const optional = () => config.categories.map((category) => category.id);
const decision = () => (stored && stored.current ? stored.record : null);
const accepted = () => (decision() ? decision().categories : []);
// A random identifier (UUID v4): crypto.randomUUID where the page is a secure context, getRandomValues elsewhere.
const uuid = () => (crypto.randomUUID ? crypto.randomUUID() : "10000000-1000-4000-8000-100000000000"
  .replace(/[018]/g, (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));

/** The visitor's current choice, or null if they have not chosen (or their choice expired). */
export function getConsent() {
  const record = decision();
  return record && { categories: [...record.categories], time: new Date(record.time), expires: new Date(record.expires), revision: record.revision };
}

/** Open the preferences dialog; focus returns to `trigger` (or the focused element) when it closes. */
export function openPreferences(trigger = document.activeElement) {
  if (!root) return;
  const dialog = part(root, "dialog");
  opener = trigger;
  syncSwitches(dialog, optional(), accepted(), gpc() ? config.gpc : []);
  part(root, "download").hidden = !decision();
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
  const text = readCookie(config.cookie);
  stored = text === null ? null : parse(text, config, Date.now());
  // A GPC signal withdraws, from a choice made before it, what it refuses: recorded as a decision of its own.
  const withdrawal = signalled(stored, config, gpc(), Date.now(), uuid());
  if (withdrawal) keep(withdrawal);
  root.hidden = false;
  part(root, "gpc").hidden = !gpc();
  if (config.googleConsentMode) signalGoogle("default", accepted());
  if (decision()) activated = activate(accepted());
  else part(root, "banner").hidden = false;
  document.addEventListener("click", onClick);
  part(root, "dialog").addEventListener("close", returnFocus);
}

/** Forget the page's state and listeners (for tests): mount() starts afresh. */
export function reset() {
  document.removeEventListener("click", onClick);
  if (root) part(root, "dialog").removeEventListener("close", returnFocus);
  config = root = stored = opener = null;
  activated = new Set();
}

// Store the record of a decision (and send it to the site owner's log, if there is one), and delete the
// cookies of the categories it refuses. This is the only thing the widget ever sends.
function keep(record) {
  stored = { record, current: true };
  writeCookie(config.cookie, JSON.stringify(record), config.days);
  if (config.logUrl) send(config.logUrl, record);
  cookiesToDelete(record.refused, config, cookieNames()).forEach(deleteCookie);
}

function choose(chosen, method) {
  const record = decide({ previous: stored, chosen, method, config, gpc: gpc(), now: Date.now(), id: uuid() });
  keep(record);
  part(root, "banner").hidden = true;
  if (part(root, "dialog").open) part(root, "dialog").close();
  part(root, "status").textContent = part(root, "status").dataset.saved;
  if (config.googleConsentMode) signalGoogle("update", record.categories);
  document.dispatchEvent(new CustomEvent(EVENT, { detail: getConsent() }));
  // A script that already ran cannot be stopped: reload so that the page runs only what is allowed now.
  if (record.refused.some((id) => activated.has(id))) location.reload();
  else activate(record.categories).forEach((id) => activated.add(id));
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
  if (action === "accept") choose(optional(), "accept-all");
  else if (action === "reject") choose([], "reject-all");
  else if (action === "customise") openPreferences(button);
  else if (action === "save") choose([...dialog.querySelectorAll("input[name]:checked")].map((input) => input.name), "save");
  else if (action === "close") dialog.close();
  else if (action === "download" && decision()) {
    download(`consent-record-${decision().id}.json`, JSON.stringify(receipt(decision(), config), null, 2));
  }
}

function returnFocus() {
  const target = opener && opener.isConnected && opener.offsetParent !== null ? opener : document.querySelector(`[${ATTRIBUTE.open}]`);
  if (target) target.focus();
  opener = null;
}
