// Only the entry file (consent.js, which mkdocs.yml loads) does something when imported: the modules can be imported
// where there is no page at all, and consent.js touches the page at once.
import assert from "node:assert/strict";
import { test } from "node:test";

for (const name of ["state", "storage", "dom", "index"]) {
  test(`importing consent/${name}.js does nothing`, async () => {
    const module = await import(`../../overrides/assets/javascripts/consent/${name}.js`);
    assert.ok(Object.keys(module).length > 0);
  });
}

test("index.js exposes the public API and reset()", async () => {
  const widget = await import("../../overrides/assets/javascripts/consent/index.js");
  for (const name of ["getConsent", "openPreferences", "onChange", "mount", "reset"]) assert.equal(typeof widget[name], "function", name);
  assert.equal(widget.getConsent(), null);
});

test("the entry file mounts the widget as it is imported", async () => {
  await assert.rejects(import("../../overrides/assets/javascripts/consent.js"), /document is not defined/);
});
