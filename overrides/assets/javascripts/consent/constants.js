// What every part of the widget agrees on. Nothing here is an option: the data and mkdocs.yml decide the rest.

export const EVENT = "notice-consent:change";
export const NECESSARY = "necessary";
export const DAY_MS = 864e5;
export const SKEW_MS = 6e4;
/** The profile the record follows: ISO/IEC TS 27560 consent records as the W3C DPV's guide maps them. */
export const SCHEMA = "https://w3id.org/dpv/schema/dpv-27560#record";
export const EVENTS = ["given", "refused", "withdrawn", "renewed"];
export const METHODS = ["accept-all", "reject-all", "save", "gpc"];
export const ATTRIBUTE = { open: "data-notice-consent-open", action: "data-notice-consent-action", gated: "data-consent-category" };
