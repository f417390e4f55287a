import { mount } from "./consent/index.js";

export { getConsent, onChange, openPreferences } from "./consent/index.js";

mount();
