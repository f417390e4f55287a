// Material for MkDocs' storage helpers (partials/javascripts/base.html), moved to a file so that no
// inline script is needed. The scope is the site root, found from this script's own address.
var __md_scope = new URL("../..", document.currentScript.src),
  __md_hash = function (value) {
    return [...value].reduce(function (hash, char) { return (hash << 5) - hash + char.charCodeAt(0); }, 0);
  },
  __md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || __md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  },
  __md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || __md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // storage full or disabled: the preference is simply not kept
    }
  };
