// What the widget does to the page: its parts, the gated scripts and frames, Google Consent Mode.
import { ATTRIBUTE } from "./constants.js";

export const part = (root, name) => root.querySelector(`[data-notice-consent-${name}]`);

/** Run the gated scripts and load the gated frames of the `categories`; returns the categories that ran something. */
export function activate(categories) {
  const ran = new Set();
  for (const element of document.querySelectorAll(`[${ATTRIBUTE.gated}]`)) {
    const category = element.getAttribute(ATTRIBUTE.gated);
    if (!categories.includes(category) || element.hasAttribute("data-consent-activated")) continue;
    element.setAttribute("data-consent-activated", "");
    ran.add(category);
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
  return ran;
}

/** Google Consent Mode v2, when the site owner turned it on: denied until the visitor accepts. */
export function signalGoogle(command, categories) {
  const state = (id) => (categories.includes(id) ? "granted" : "denied");
  const marketing = state("marketing");
  window.dataLayer = window.dataLayer || [];
  (function gtag() { window.dataLayer.push(arguments); })("consent", command, {
    analytics_storage: state("statistics"), ad_storage: marketing, ad_user_data: marketing, ad_personalization: marketing,
  });
}

/** Set the switches of the `optional` categories to `categories`; those a GPC signal refuses are off and disabled. */
export function syncSwitches(dialog, optional, categories, refused) {
  for (const input of dialog.querySelectorAll("input[name]")) {
    if (!optional.includes(input.name)) continue;
    input.checked = !refused.includes(input.name) && categories.includes(input.name);
    input.disabled = refused.includes(input.name);
  }
}

/** Offer `text` as a JSON file to save, from memory (a Blob's address: nothing is fetched, no CSP source needed). */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  Object.assign(document.createElement("a"), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url));
}
