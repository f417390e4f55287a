// What a decision does to the page: runs the scripts of accepted categories (inert until then, as
// <script type="text/plain" data-consent-category>), signals Google Consent Mode, offers the record for download.
export function activate(categories) {
  const ran = new Set();
  for (const element of document.querySelectorAll("[data-consent-category]:not([data-consent-activated])")) {
    const category = element.dataset.consentCategory;
    if (!categories.includes(category)) continue;
    ran.add(category);
    element.dataset.consentActivated = "";
    if (element.tagName === "SCRIPT") {
      const script = element.cloneNode(true);
      script.type = element.dataset.type || "";
      element.replaceWith(script);
    } else if (element.dataset.src) element.src = element.dataset.src;
  }
  return ran;
}

export function signalGoogle(command, accepted) {
  const [statistics, marketing] = ["statistics", "marketing"].map((id) => (accepted.includes(id) ? "granted" : "denied"));
  window.dataLayer = window.dataLayer || [];
  (function gtag() { window.dataLayer.push(arguments); })("consent", command, {
    analytics_storage: statistics, ad_storage: marketing, ad_user_data: marketing, ad_personalization: marketing,
  });
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  Object.assign(document.createElement("a"), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url));
}
