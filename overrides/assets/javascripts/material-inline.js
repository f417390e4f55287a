// Material for MkDocs' inline scripts (partials/javascripts/base.html and palette.html), moved to a file so
// that no inline script is needed (strict Content-Security-Policy). The build serves it at the start of early.js
// (notice_mkdocs.assets.EARLY_SCRIPT), which main.html loads before the header: the parser runs it before there
// is anything to paint, so the first paint is already in the visitor's colour scheme. Material's bundle, loaded
// `async` at the end of the body, finds its storage helpers here. The scope is the site root, found from the script's address.
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

// The visitor's colour scheme: the one they chose (Material keeps it under __palette), else the first of the site's
// palettes whose media query the device matches, as Material's toggle would choose. The toggle comes later in the
// page, so its options travel in the script's data-md-palette attribute (main.html). The scheme's colour-scheme
// (light or dark: the browser's own scrollbars and controls) is told here too, while the page is still empty: set
// once the page is parsed, it would restyle all of it.
(function () {
  var options = [];
  try {
    options = JSON.parse(document.currentScript.getAttribute("data-md-palette")) || [];
  } catch (error) {
    // no palettes: Material's markup already names the one scheme
  }
  var palette = __md_get("__palette");
  var color = palette && typeof palette.color === "object" && palette.color ? palette.color : null;
  if (!color || color.media === "(prefers-color-scheme)") {
    color = null;
    for (var i = 0; i < options.length && !color; i++) {
      if (options[i].media && options[i].media !== "(prefers-color-scheme)" && matchMedia(options[i].media).matches) color = options[i];
    }
  }
  for (var key in color) {
    if (/^(media|scheme|primary|accent)$/.test(key) && typeof color[key] === "string") {
      document.body.setAttribute("data-md-color-" + key, color[key]);
    }
  }
  var meta = document.createElement("meta");
  meta.name = "color-scheme";
  meta.content = getComputedStyle(document.body).colorScheme;
  document.head.appendChild(meta);
})();
