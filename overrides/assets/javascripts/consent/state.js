// The decision logic, pure: no document, window or storage here, so that it can be tested on its own (tests/js/).
// A decision is a record (README, "The consent record"); the cookie stores it as it is.
import { DAY_MS, EVENTS, METHODS, NECESSARY, SCHEMA, SKEW_MS } from "./constants.js";

const KEYS = "categories,event,expires,id,language,method,notice,refused,revision,schema,time";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const matches = (value, pattern) => typeof value === "string" && pattern.test(value);
const optionalIds = (config) => config.categories.map((category) => category.id);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const keys = (value) => value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).sort().join();
// A time exactly as the widget writes it (Date#toISOString), as milliseconds; NaN for anything else.
const instant = (value) => (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)
  && new Date(Date.parse(value) || 0).toISOString() === value ? Date.parse(value) : NaN);
const day = (value) => typeof value === "string" && instant(`${value}T00:00:00.000Z`) > 0;

/** What may run: necessary always; the chosen optional categories, less those a GPC signal refuses. */
export function allowed(categories, config, gpc) {
  const refused = gpc ? config.gpc : [];
  return [NECESSARY, ...optionalIds(config).filter((id) => categories.includes(id) && !refused.includes(id))];
}

/**
 * The stored record, if it is exactly what the widget writes: { record, current }, where `current` says it
 * is still a decision (the current revision, not expired); null for anything else, which is no decision.
 * Exactly: the widget's keys and no other, categories (accepted, necessary first) and refused splitting the
 * known categories in the widget's order, a time not in the future (a minute of clock skew allowed), an
 * expiry after it and at most the configured days after it, and well-formed id, event, method and versions.
 */
export function parse(text, config, now) {
  let record;
  try {
    record = JSON.parse(text);
  } catch {
    return null;
  }
  if (keys(record) !== KEYS || record.schema !== SCHEMA || !matches(record.id, UUID)) return null;
  if (!EVENTS.includes(record.event) || !METHODS.includes(record.method)) return null;
  const { categories, refused, notice } = record;
  const accepted = Array.isArray(categories) ? allowed(categories, config, false) : null;
  if (!accepted || !same(categories, accepted) || !same(refused, optionalIds(config).filter((id) => !accepted.includes(id)))) return null;
  if (!matches(record.revision, /^[0-9a-f]{12}$/) || !matches(record.language, /^[a-z]{2}$/)) return null;
  if (keys(notice) !== "latest,url,version" || !day(notice.version) || !day(notice.latest) || notice.latest < notice.version
    || typeof notice.url !== "string" || !notice.url.endsWith(`versions/${notice.version}/`)) return null;
  const time = instant(record.time);
  const expires = instant(record.expires);
  if (!(time <= now + SKEW_MS && time < expires && expires - time <= config.days * DAY_MS)) return null;
  return { record, current: record.revision === config.revision && now < expires };
}

/**
 * What a decision is, against the one stored before (`previous`, from parse): "withdrawn" if it takes back an
 * optional category the current decision accepted; else "refused" if it accepts none; else "renewed" if it
 * accepts the same ones as the stored record (re-confirmed, after its expiry or a new revision too); else "given".
 */
export function eventType(previous, accepted) {
  const before = previous && previous.record.categories.filter((id) => id !== NECESSARY);
  if (previous && previous.current && before.some((id) => !accepted.includes(id))) return "withdrawn";
  if (!accepted.length) return "refused";
  return before && same(before, accepted) ? "renewed" : "given";
}

/** The record of the visitor's decision to accept `chosen` by `method` at `now` (a GPC signal refuses its share). */
export function decide({ previous, chosen, method, config, gpc, now, id, until = now + config.days * DAY_MS }) {
  const accepted = allowed(chosen, config, gpc).slice(1);
  return {
    schema: SCHEMA, id, time: new Date(now).toISOString(), expires: new Date(until).toISOString(),
    event: eventType(previous, accepted), method,
    categories: [NECESSARY, ...accepted], refused: optionalIds(config).filter((category) => !accepted.includes(category)),
    revision: config.revision, language: config.record.language, notice: { ...config.record.notice },
  };
}

/** The withdrawal a GPC signal makes of a current decision that accepts what it refuses (its expiry kept); else null. */
export function signalled(previous, config, gpc, now, id) {
  if (!gpc || !previous || !previous.current || !previous.record.categories.some((category) => config.gpc.includes(category))) return null;
  const until = Math.min(Date.parse(previous.record.expires), now + config.days * DAY_MS);
  return decide({ previous, chosen: previous.record.categories, method: "gpc", config, gpc, now, id, until });
}

/** The record the visitor downloads: exactly the stored one, plus the texts the page's configuration derives for it. */
export function receipt(record, config) {
  return { ...record, controllers: config.record.controllers, purposes: config.record.purposes };
}

/** Which of the cookies `present` belong to `categories` (a listed `_pk_id` also matches `_pk_id.1.abc`). */
export function cookiesToDelete(categories, config, present) {
  const listed = config.categories.filter((category) => categories.includes(category.id)).flatMap((category) => category.cookies);
  return present.filter((name) => listed.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
}
