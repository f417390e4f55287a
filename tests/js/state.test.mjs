// Unit tests of the widget's decision logic: node --test tests/js/ (tests/js/test_node.py runs them under pytest).
import assert from "node:assert/strict";
import { test } from "node:test";

import { allowed, cookiesToDelete, decide, eventType, news, parse, receipt, signalled } from "../../overrides/assets/javascripts/consent/state.js";

const DAY = 864e5;
const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const ID = "a6f58318-72e6-46a2-bfd7-f36d795e30cd";
const CONFIG = {
  revision: "0123456789ab", cookie: "notice_consent", days: 183, gpc: ["marketing"], googleConsentMode: false,
  categories: [{ id: "statistics", cookies: ["_pk_id", "_pk_ses"] }, { id: "marketing", cookies: ["_gcl_au"] }],
  record: {
    language: "fr",
    notice: { version: "2024-02-01", url: "https://privacy.example/fr/versions/2024-02-01/", latest: "2027-01-01" },
    controllers: [{ name: "PG TELECOM Spolka z o.o.", email: "info@sipsim.com" }],
    purposes: [{ category: "statistics", name: "Cookies statistiques", purpose: "https://w3id.org/dpv#ServiceUsageAnalytics", cookies: [] }],
  },
};
const ALL = ["statistics", "marketing"];

// A decision as the widget makes it, `ago` milliseconds before NOW, after `previous` (a parse() result).
const made = (chosen = ALL, { ago = DAY, method = "save", previous = null, gpc = false } = {}) => decide({
  previous, chosen, method, config: CONFIG, gpc, now: NOW - ago, id: ID,
});
const stored = (changes = {}, ago = DAY) => JSON.stringify({ ...made(ALL, { ago }), ...changes });
const current = (record) => ({ record, current: true });

test("necessary is always allowed, and only the known optional categories chosen", () => {
  assert.deepEqual(allowed([], CONFIG, false), ["necessary"]);
  assert.deepEqual(allowed(["marketing", "statistics", "unknown"], CONFIG, false), ["necessary", "statistics", "marketing"]);
});

test("a Global Privacy Control signal refuses marketing, whatever was chosen", () => {
  assert.deepEqual(allowed(ALL, CONFIG, true), ["necessary", "statistics"]);
  assert.deepEqual(made(ALL, { gpc: true }).refused, ["marketing"]);
});

test("a decision is a record of what was chosen, how, when, under which notice, until when", () => {
  assert.deepEqual(made(["statistics"], { ago: 0, method: "save" }), {
    schema: "notice-consent-record/1", id: ID,
    time: "2026-06-01T12:00:00.000Z", expires: new Date(NOW + 183 * DAY).toISOString(),
    event: "given", method: "save", categories: ["necessary", "statistics"], refused: ["marketing"],
    revision: "0123456789ab", language: "fr",
    notice: { version: "2024-02-01", url: "https://privacy.example/fr/versions/2024-02-01/", latest: "2027-01-01" },
  });
});

test("the event says what the decision did, against the decision before it", () => {
  const all = made(ALL);
  const none = made([]);
  assert.equal(eventType(null, ["statistics"]), "given");
  assert.equal(eventType(null, []), "refused");
  assert.equal(eventType(current(none), []), "refused");
  assert.equal(eventType(current(none), ["marketing"]), "given");
  assert.equal(eventType(current(made(["statistics"])), ALL), "given", "consent for one more category");
  assert.equal(eventType(current(all), ["statistics"]), "withdrawn");
  assert.equal(eventType(current(all), []), "withdrawn");
  assert.equal(eventType(current(made(["statistics"])), ["marketing"]), "withdrawn", "taking one back outweighs giving another");
  assert.equal(eventType(current(all), ALL), "renewed", "the same choice confirmed again");
  assert.equal(eventType({ record: all, current: false }, ALL), "renewed", "the same choice after an expiry or a new revision");
  assert.equal(eventType({ record: all, current: false }, []), "refused", "a lapsed consent is not withdrawn");
  assert.equal(eventType({ record: all, current: false }, ["statistics"]), "given");
});

test("the widget reads back what it writes", () => {
  assert.deepEqual(parse(stored(), CONFIG, NOW), { record: JSON.parse(stored()), current: true });
  for (const method of ["accept-all", "reject-all", "save", "gpc"]) assert.ok(parse(stored({ method }), CONFIG, NOW), method);
  for (const event of ["given", "refused", "withdrawn", "renewed"]) assert.ok(parse(stored({ event }), CONFIG, NOW), event);
  assert.ok(parse(JSON.stringify(made([])), CONFIG, NOW));
});

test("a record of another revision, or expired, is read but is no decision: it only tells a renewal", () => {
  assert.equal(parse(stored({ revision: "ffffffffffff" }), CONFIG, NOW).current, false);
  assert.equal(parse(stored({}, 183 * DAY), CONFIG, NOW).current, false);
  assert.equal(parse(stored({}, 183 * DAY - 1), CONFIG, NOW).current, true, "a choice lasts until its expiry");
});

for (const [name, changes] of Object.entries({
  "categories as a string": { categories: "nostatisticsnomarketing" },
  "categories as one joined string": { categories: ["necessary,statistics,marketing"], refused: [] },
  "no categories": { categories: null },
  "an unknown category": { categories: ["necessary", "statistics", "advertising"] },
  "a category twice": { categories: ["necessary", "statistics", "statistics", "marketing"] },
  "no necessary category": { categories: ["statistics", "marketing"] },
  "categories out of order": { categories: ["necessary", "marketing", "statistics"] },
  "a category that is not text": { categories: ["necessary", { id: "statistics" }, "marketing"] },
  "a category both accepted and refused": { refused: ["marketing"] },
  "a category neither accepted nor refused": { categories: ["necessary", "statistics"], refused: [] },
  "refused as a string": { categories: ["necessary"], refused: "statistics marketing" },
  "a time in the year 2999": { time: "2999-01-01T00:00:00.000Z" },
  "an expiry in the year 2999": { expires: "2999-01-01T00:00:00.000Z" },
  "an expiry before the time": { expires: new Date(NOW - 2 * DAY).toISOString() },
  "an expiry a day past the configured maximum": { expires: new Date(NOW - DAY + 184 * DAY).toISOString() },
  "a time that is not the widget's format": { time: "June 1, 2026" },
  "a time with no milliseconds": { time: "2026-05-31T12:00:00Z" },
  "a time on a day that does not exist": { time: "2026-02-30T12:00:00.000Z" },
  "a time as a number": { time: NOW - DAY },
  "another schema": { schema: "https://example.com/receipt" },
  "an id that is not a UUID": { id: "visitor-42" },
  "an id as a list": { id: [ID] },
  "an unknown event": { event: "accepted" },
  "an unknown method": { method: "scroll" },
  "a revision that is not one": { revision: ["0123456789ab"] },
  "a language that is not one": { language: "français" },
  "a notice version that is not a date": { notice: { ...CONFIG.record.notice, version: "2024-02-30" } },
  "a notice URL of another version": { notice: { ...CONFIG.record.notice, url: "https://privacy.example/fr/versions/2023-01-01/" } },
  "a newest version older than the one in force": { notice: { ...CONFIG.record.notice, latest: "2023-01-01" } },
  "a notice with a field more": { notice: { ...CONFIG.record.notice, title: "x" } },
  "the texts of the download": { controllers: CONFIG.record.controllers },
  "an extra field": { trusted: true },
})) {
  test(`a stored value with ${name} is no decision`, () => {
    assert.equal(parse(stored(changes), CONFIG, NOW), null);
  });
}

test("a stored value with a field missing, or that is not an object, is no decision", () => {
  const { revision, ...rest } = JSON.parse(stored());
  for (const text of [JSON.stringify(rest), "[]", "null", "42", '"necessary"', "{", "", null]) assert.equal(parse(text, CONFIG, NOW), null, text);
  assert.ok(revision);
});

test("a time up to a minute ahead of this clock is accepted; more is not", () => {
  assert.ok(parse(stored({}, -59e3), CONFIG, NOW));
  assert.equal(parse(stored({}, -61e3), CONFIG, NOW), null);
});

test("a GPC signal withdraws marketing from a current decision, as a decision of its own, keeping its expiry", () => {
  const before = made(ALL, { method: "accept-all" });
  const withdrawal = signalled(current(before), CONFIG, true, NOW, "b6f58318-72e6-46a2-bfd7-f36d795e30cd");
  assert.equal(withdrawal.event, "withdrawn");
  assert.equal(withdrawal.method, "gpc");
  assert.deepEqual(withdrawal.categories, ["necessary", "statistics"]);
  assert.deepEqual(withdrawal.refused, ["marketing"]);
  assert.equal(withdrawal.time, new Date(NOW).toISOString());
  assert.equal(withdrawal.expires, before.expires, "a withdrawal does not extend the consent that remains");
  assert.ok(parse(JSON.stringify(withdrawal), CONFIG, NOW).current);
});

test("a GPC signal changes nothing when there is nothing to withdraw", () => {
  assert.equal(signalled(current(made(ALL)), CONFIG, false, NOW, ID), null, "no signal");
  assert.equal(signalled(current(made(["statistics"])), CONFIG, true, NOW, ID), null, "marketing already refused");
  assert.equal(signalled({ record: made(ALL), current: false }, CONFIG, true, NOW, ID), null, "no current decision");
  assert.equal(signalled(null, CONFIG, true, NOW, ID), null);
});

test("the download is exactly the stored record plus the controllers and the purposes' texts", () => {
  const record = made(["statistics"]);
  const download = receipt(record, CONFIG);
  assert.deepEqual(Object.fromEntries(Object.entries(download).filter(([key]) => key in record)), record);
  assert.deepEqual(Object.keys(download).filter((key) => !(key in record)), ["controllers", "purposes"]);
  assert.deepEqual(download.controllers, CONFIG.record.controllers);
  assert.deepEqual(download.purposes, CONFIG.record.purposes);
});

test("refusing a category deletes the cookies the data lists for it, with their suffixes, and no other", () => {
  const present = ["_pk_id.1.a1b2", "_pk_ses.1.a1b2", "_pk_idx", "_gcl_au", "notice_consent", "_pk_id"];
  assert.deepEqual(cookiesToDelete(["statistics"], CONFIG, present), ["_pk_id.1.a1b2", "_pk_ses.1.a1b2", "_pk_id"]);
  assert.deepEqual(cookiesToDelete(["marketing"], CONFIG, present), ["_gcl_au"]);
  assert.deepEqual(cookiesToDelete([], CONFIG, present), []);
});

// The returning visitor's news: a material amendment published after their choice (amendments come newest first).
const AMENDMENTS = [
  { version: "2027-06-01", date: "1 June 2027", upcoming: true, href: "../versions/2027-06-01/changes/" },
  { version: "2027-01-01", date: "1 January 2027", upcoming: false, href: "../versions/2027-01-01/changes/" },
];
const withAmendments = { ...CONFIG, amendments: AMENDMENTS };
const choiceUnder = (latest, isCurrent = true) => ({ record: { ...made(), notice: { ...made().notice, latest } }, current: isCurrent });

test("a visitor whose choice predates a material amendment is told of the newest one", () => {
  assert.equal(news(choiceUnder("2024-02-01"), withAmendments, null), AMENDMENTS[0]);
  assert.equal(news(choiceUnder("2027-01-01"), withAmendments, null), AMENDMENTS[0]);
});

test("nothing is told of an amendment the choice was made under, or after", () => {
  assert.equal(news(choiceUnder("2027-06-01"), withAmendments, null), null);
  assert.equal(news(choiceUnder("2024-02-01"), { ...CONFIG, amendments: [] }, null), null);
});

test("a dismissed amendment is not told again, a newer one is", () => {
  assert.equal(news(choiceUnder("2024-02-01"), withAmendments, "2027-06-01"), null);
  assert.equal(news(choiceUnder("2024-02-01"), withAmendments, "2027-01-01"), AMENDMENTS[0]);
});

test("without a choice still valid there is no news: the banner asks again instead", () => {
  assert.equal(news(choiceUnder("2024-02-01", false), withAmendments, null), null);
  assert.equal(news(null, withAmendments, null), null);
});

test("the README's table of the consent record names every field the widget stores, and those the download adds", async () => {
  const { readFile } = await import("node:fs/promises");
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const table = readme.slice(readme.indexOf("| field | stored |"), readme.indexOf("\n\n", readme.indexOf("| field | stored |")));
  const rows = [...table.matchAll(/^\| `(\w+)` \| (yes|derived) \|/gm)].map(([, field, stored]) => [field, stored]);
  const record = made();
  assert.deepEqual(rows.filter(([, stored]) => stored === "yes").map(([field]) => field).sort(), Object.keys(record).sort());
  assert.deepEqual(rows.filter(([, stored]) => stored === "derived").map(([field]) => field).sort(),
    Object.keys(receipt(record, CONFIG)).filter((key) => !(key in record)).sort());
});
