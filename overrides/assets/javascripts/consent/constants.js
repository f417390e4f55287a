// What every part of the widget agrees on. Nothing here is an option: the data and mkdocs.yml decide the rest.

export const EVENT = "notice-consent:change";
export const NECESSARY = "necessary";
export const DAY_MS = 864e5;
export const SKEW_MS = 6e4;
export const ATTRIBUTE = { open: "data-notice-consent-open", action: "data-notice-consent-action", gated: "data-consent-category" };
