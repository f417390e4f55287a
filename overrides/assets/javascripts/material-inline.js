// Material for MkDocs' inline scripts (partials/javascripts/base.html and palette.html), moved to a file so
// that no inline script is needed (strict Content-Security-Policy). The build serves it at the start of
// Material's own script (notice_mkdocs.assets.SCRIPT), at the end of the body: its storage helpers come before
// the bundle, and the visitor's colour scheme is restored as the bundle starts. (At the start of the body it
// held the first paint for a round trip on a phone.) The scope is the site root, found from the script's address.
// Storage may be unusable (cookies blocked: reading localStorage throws) or hold anything (a value this
// site never wrote): a preference that cannot be read is no preference, and nothing else breaks.
var __md_scope = new URL("../..", document.currentScript.src),
  __md_hash = function (value) {
    return [...value].reduce(function (hash, char) { return (hash << 5) - hash + char.charCodeAt(0); }, 0);
  },
  __md_get = function (key, storage, scope) {
    try {
      storage = storage || localStorage;
      scope = scope || __md_scope;
      return JSON.parse(storage.getItem(scope.pathname + "." + key));
    } catch (error) {
      return null;
    }
  },
  __md_set = function (key, value, storage, scope) {
    try {
      storage = storage || localStorage;
      scope = scope || __md_scope;
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // storage full or disabled: the preference is simply not kept
    }
  };

(function () {
  var palette = __md_get("__palette");
  if (!palette || typeof palette.color !== "object" || !palette.color) return;
  function apply() {
    if (palette.color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector(light
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      if (!input) return;
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    for (var key in palette.color) {
      if (/^(media|scheme|primary|accent)$/.test(key) && typeof palette.color[key] === "string") {
        document.body.setAttribute("data-md-color-" + key, palette.color[key]);
      }
    }
  }
  // The automatic scheme reads the palette's inputs, which come later in the page.
  if (palette.color.media === "(prefers-color-scheme)") document.addEventListener("DOMContentLoaded", apply);
  else apply();
})();
