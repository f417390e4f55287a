// The consent widget's entry point, the one file mkdocs.yml loads: it mounts the widget on the page.
// The widget is in consent/ (state.js decides, storage.js keeps, dom.js shows, index.js ties them together).
//
// For site owners:
//   <script type="text/plain" data-consent-category="statistics" src="…"></script>   runs after consent
//   <iframe data-src="…" data-consent-category="marketing"></iframe>                  loads after consent
//   <a href="…" data-notice-consent-open>Cookie settings</a>                           opens the preferences
//   import { getConsent, openPreferences, onChange } from "/assets/javascripts/consent.js";
//   document.addEventListener("notice-consent:change", (event) => event.detail.categories);
import { mount } from "./consent/index.js";

export { getConsent, onChange, openPreferences } from "./consent/index.js";

mount();
