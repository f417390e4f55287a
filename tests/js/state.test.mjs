// Unit tests of the widget's decision logic: node --test tests/js/ (tests/js/test_node.py runs them under pytest).
import assert from "node:assert/strict";
import { test } from "node:test";

import { allowed, cookiesToDelete, decide, parse, withdrawn } from "../../overrides/assets/javascripts/consent/state.js";

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

// A stored value exactly as the widget writes it, chosen `ago` milliseconds before NOW, with `changes` applied.
const stored = (changes = {}, ago = DAY) => JSON.stringify({ ...decide(["statistics", "marketing"], CONFIG, false, NOW - ago), ...changes });

test("the widget reads back what it writes", () => {
  const decision = parse(stored(), CONFIG, NOW, false);
  assert.deepEqual(decision.categories, ["necessary", "statistics", "marketing"]);
});

test("a GPC signal applies to a stored choice too", () => {
  assert.deepEqual(parse(stored(), CONFIG, NOW, true).categories, ["necessary", "statistics"]);
});

for (const [name, changes] of Object.entries({
  "categories as a string": { categories: "nostatisticsnomarketing" },
  "categories as one joined string": { categories: ["necessary,statistics,marketing"] },
  "an unknown category": { categories: ["necessary", "statistics", "advertising"] },
  "a category twice": { categories: ["necessary", "statistics", "statistics"] },
  "no necessary category": { categories: ["statistics"] },
  "categories out of order": { categories: ["necessary", "marketing", "statistics"] },
  "a category that is not text": { categories: ["necessary", { id: "statistics" }] },
  "a time in the year 2999": { time: "2999-01-01T00:00:00.000Z" },
  "an expiry in the year 2999": { expires: "2999-01-01T00:00:00.000Z" },
  "an expiry before the time": { expires: new Date(NOW - 2 * DAY).toISOString() },
  "an expiry a day past the configured maximum": { expires: new Date(NOW - DAY + 184 * DAY).toISOString() },
  "a time that is not the widget's format": { time: "June 1, 2026" },
  "a time as a number": { time: NOW - DAY },
  "another revision": { revision: "ffffffffffff" },
  "an extra field": { trusted: true },
})) {
  test(`a stored value with ${name} is no decision`, () => {
    assert.equal(parse(stored(changes), CONFIG, NOW, false), null);
  });
}

test("a stored value with a field missing, or that is not an object, is no decision", () => {
  const { revision, ...rest } = JSON.parse(stored());
  for (const text of [JSON.stringify(rest), "[]", "null", "42", '"necessary"', "{", ""]) assert.equal(parse(text, CONFIG, NOW, false), null, text);
  assert.ok(revision);
});

test("a time up to a minute ahead of this clock is accepted; more is not", () => {
  assert.ok(parse(stored({}, -59e3), CONFIG, NOW, false));
  assert.equal(parse(stored({}, -61e3), CONFIG, NOW, false), null);
});

test("a choice lasts until its expiry and not a moment after", () => {
  assert.ok(parse(stored({}, 183 * DAY - 1), CONFIG, NOW, false));
  assert.equal(parse(stored({}, 183 * DAY), CONFIG, NOW, false), null);
});
