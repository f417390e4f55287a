// The consent widget's part of the first paint. A classic script, not one of the widget's modules: the build serves it
// in early.js (notice_mkdocs.assets.EARLY_SCRIPT), which the parser runs right after the widget's markup and before
// the rest of the page. A visitor without the widget's cookie has made no decision, and mount() (index.js) will show
// them the banner: it is shown now, so that it is in the page's first paint instead of appearing over a page already
// being read once the widget's module has run. Everything else (a cookie that does not parse, an old revision, the
// buttons) stays the module's.
(function () {
  var root = document.querySelector("[data-notice-consent]");
  if (!root) return;
  try {
    var name = JSON.parse(root.querySelector("[data-notice-consent-config]").textContent).cookie;
    var cookies = document.cookie ? document.cookie.split("; ") : []; // a cookie's name as storage.js reads it
    for (var i = 0; i < cookies.length; i++) if (cookies[i].split("=")[0] === name) return;
  } catch (error) {
    return; // cookies unreadable: the module decides
  }
  root.hidden = false;
  root.querySelector("[data-notice-consent-banner]").hidden = false;
})();
