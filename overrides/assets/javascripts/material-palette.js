// Material for MkDocs' palette restore (partials/javascripts/palette.html), moved to a file loaded at the
// start of the body, before anything is painted, so that no inline script is needed.
(function () {
  var palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  function apply() {
    if (palette.color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector(light
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    for (var key in palette.color) document.body.setAttribute("data-md-color-" + key, palette.color[key]);
  }
  // The automatic scheme reads the palette's inputs, which come later in the page.
  if (palette.color.media === "(prefers-color-scheme)") document.addEventListener("DOMContentLoaded", apply);
  else apply();
})();
