// The consent widget's entry file, loaded as a module by mkdocs.yml: mounts the widget and exposes its
// public API (getConsent, onChange, openPreferences) to the site's own scripts. README, "Cookie consent".
import { mount } from "./consent/index.js";

export { getConsent, onChange, openPreferences } from "./consent/index.js";

mount();
