// Unit tests of the widget's decision logic: node --test tests/js/ (tests/js/test_node.py runs them under pytest).
import assert from "node:assert/strict";
import { test } from "node:test";

import { allowed, cookiesToDelete, decide, withdrawn } from "../../overrides/assets/javascripts/consent/state.js";

const DAY = 864e5;
const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const CONFIG = {
  revision: "0123456789ab", cookie: "notice_consent", days: 183, gpc: ["marketing"], googleConsentMode: false,
  categories: [{ id: "statistics", cookies: ["_pk_id", "_pk_ses"] }, { id: "marketing", cookies: ["_gcl_au"] }],
};

test("necessary is always allowed, and only the known optional categories chosen", () => {
  assert.deepEqual(allowed([], CONFIG, false), ["necessary"]);
  assert.deepEqual(allowed(["marketing", "statistics", "unknown"], CONFIG, false), ["necessary", "statistics", "marketing"]);
});

test("a Global Privacy Control signal refuses marketing, whatever was chosen", () => {
  assert.deepEqual(allowed(["statistics", "marketing"], CONFIG, true), ["necessary", "statistics"]);
  assert.deepEqual(allowed(["statistics", "marketing"], CONFIG, false), ["necessary", "statistics", "marketing"]);
});

test("a decision expires after the configured days", () => {
  const decision = decide(["statistics"], CONFIG, false, NOW);
  assert.equal(decision.time, "2026-06-01T12:00:00.000Z");
  assert.equal(Date.parse(decision.expires) - NOW, 183 * DAY);
  assert.equal(decision.revision, CONFIG.revision);
  assert.deepEqual(decision.categories, ["necessary", "statistics"]);
});

test("withdrawn categories are those allowed before and no longer", () => {
  assert.deepEqual(withdrawn(["necessary", "statistics", "marketing"], ["necessary", "marketing"]), ["statistics"]);
  assert.deepEqual(withdrawn(["necessary"], ["necessary", "statistics"]), []);
});

test("withdrawing a category deletes the cookies the data lists for it, with their suffixes, and no other", () => {
  const present = ["_pk_id.1.a1b2", "_pk_ses.1.a1b2", "_pk_idx", "_gcl_au", "notice_consent", "_pk_id"];
  assert.deepEqual(cookiesToDelete(["statistics"], CONFIG, present), ["_pk_id.1.a1b2", "_pk_ses.1.a1b2", "_pk_id"]);
  assert.deepEqual(cookiesToDelete(["marketing"], CONFIG, present), ["_gcl_au"]);
  assert.deepEqual(cookiesToDelete([], CONFIG, present), []);
});
