// Wires the widget's markup (rendered by the build, readable without JavaScript) to state.js and storage.js:
// the banner until a decision, the preferences dialog, Global Privacy Control, and the notice of an amendment.
import { activate, download, signalGoogle } from "./dom.js";
import { cookiesToDelete, decide, news, parse, receipt, signalled } from "./state.js";
import { cookieNames, deleteCookie, readCookie, seen, send, writeCookie } from "./storage.js";

const OPEN = "[data-notice-consent-open]";
const EVENT = "notice-consent:change";
let config, root, banner, dialog, stored, opener, activated, amendment;

const part = (name) => root.querySelector(`[data-notice-consent-${name}]`);
const gpc = () => navigator.globalPrivacyControl === true;
const optional = () => config.categories.map((category) => category.id);
const decision = () => stored?.current && stored.record;
const accepted = () => (decision() || {}).categories || [];

export function getConsent() {
  const { categories, time, expires, revision } = decision() || {};
  return revision ? { categories: [...categories], time: new Date(time), expires: new Date(expires), revision } : null;
}

export function openPreferences(trigger = document.activeElement) {
  if (!root) return;
  opener = trigger;
  for (const input of dialog.querySelectorAll("input")) {
    const refused = gpc() && config.gpc.includes(input.name);
    if (optional().includes(input.name)) [input.checked, input.disabled] = [!refused && accepted().includes(input.name), refused];
  }
  part("download").hidden = !decision();
  dialog.showModal();
  dialog.querySelector("h2").focus();
}

export function onChange(listener) {
  document.addEventListener(EVENT, listener);
  return () => document.removeEventListener(EVENT, listener);
}

export function mount() {
  root = document.querySelector("[data-notice-consent]");
  if (!root) return;
  [config, banner, dialog] = [JSON.parse(part("config").textContent), part("banner"), part("dialog")];
  stored = parse(readCookie(config.cookie), config, Date.now());
  const withdrawal = signalled(stored, config, gpc(), Date.now(), crypto.randomUUID());
  if (withdrawal) keep(withdrawal);
  root.hidden = false;
  root.querySelectorAll("[data-notice-consent-gpc]").forEach((note) => { note.hidden = !gpc(); });
  if (config.googleConsentMode) signalGoogle("default", accepted());
  activated = activate(accepted());
  banner.hidden = !!decision();
  amendment = news(stored, config, seen());
  if (amendment) {
    const box = part("news");
    const text = box.querySelector("[data-upcoming]");
    text.textContent = text.dataset[amendment.upcoming ? "upcoming" : "current"].replace("%(date)s", amendment.date);
    box.querySelector("a").href = amendment.href;
    box.hidden = false;
  }
  document.addEventListener("click", onClick);
  dialog.onclose = () => (opener?.isConnected && opener.offsetParent ? opener : document.querySelector(OPEN))?.focus();
}

export function reset() {
  document.removeEventListener("click", onClick);
  root = stored = null;
}

function keep(record) {
  stored = { record, current: true };
  writeCookie(config.cookie, JSON.stringify(record), config.days);
  if (config.logUrl) send(config.logUrl, record);
  cookiesToDelete(record.refused, config, cookieNames()).forEach(deleteCookie);
}

function choose(chosen, method) {
  const record = decide({ previous: stored, chosen, method, config, gpc: gpc(), now: Date.now(), id: crypto.randomUUID() });
  keep(record);
  banner.hidden = true;
  dialog.close();
  part("status").textContent = part("status").dataset.saved;
  if (config.googleConsentMode) signalGoogle("update", record.categories);
  document.dispatchEvent(new CustomEvent(EVENT, { detail: getConsent() }));
  if (record.refused.some((id) => activated.has(id))) location.reload(); // a script that ran cannot be stopped
  else activate(record.categories).forEach((id) => activated.add(id));
}

function onClick(event) {
  const trigger = event.target.closest(OPEN);
  const button = root.contains(event.target) && event.target.closest("[data-notice-consent-action]");
  const action = button && button.dataset.noticeConsentAction;
  if (trigger) {
    event.preventDefault();
    openPreferences(trigger);
  } else if (action === "accept") choose(optional(), "accept-all");
  else if (action === "reject") choose([], "reject-all");
  else if (action === "customise") openPreferences(button);
  else if (action === "save") choose([...dialog.querySelectorAll(":checked")].map((input) => input.name), "save");
  else if (action === "close") dialog.close();
  else if (action === "dismiss") {
    seen(amendment.version);
    part("news").hidden = true;
  }
  else if (action === "download") download(`consent-record-${stored.record.id}.json`, JSON.stringify(receipt(stored.record, config), null, 2));
}
