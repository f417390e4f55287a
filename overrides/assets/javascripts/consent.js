// The consent widget's entry file, loaded as a module by mkdocs.yml: mounts the widget and exposes its
// public API (getConsent, onChange, openPreferences) to the site's own scripts, and mount and reset to tests.
// README, "Cookie consent". The build serves it with the modules it imports inside it (notice_mkdocs.assets).
import { getConsent, mount, onChange, openPreferences, reset } from "./consent/index.js";

export { getConsent, mount, onChange, openPreferences, reset };

mount();
