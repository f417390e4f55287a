// The decision logic, pure: no document, window or storage here, so that it can be tested on its own (tests/js/).
import { DAY_MS, NECESSARY, SKEW_MS } from "./constants.js";

const optionalIds = (config) => config.categories.map((category) => category.id);

/** What may run: necessary always; the chosen optional categories, less those a GPC signal refuses. */
export function allowed(categories, config, gpc) {
  const refused = gpc ? config.gpc : [];
  return [NECESSARY, ...optionalIds(config).filter((id) => categories.includes(id) && !refused.includes(id))];
}

const KEYS = ["categories", "expires", "revision", "time"].join();

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
// A time exactly as the widget writes it (Date#toISOString), and its milliseconds.
const instant = (value) => (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)
  && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value ? Date.parse(value) : NaN);

/**
 * The stored decision, if it is exactly what the widget writes and still current; null otherwise (no decision).
 * Exactly: these keys and no other, `categories` a list of known category ids in the widget's order, `time`
 * not in the future (a minute of clock skew allowed), `expires` after `time` and at most the configured days
 * after it, and the current revision.
 */
export function parse(text, config, now, gpc) {
  let stored;
  try {
    stored = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(stored) || Object.keys(stored).sort().join() !== KEYS) return null;
  const { categories, revision } = stored;
  if (!Array.isArray(categories) || !categories.every((id) => typeof id === "string")) return null;
  if (JSON.stringify(categories) !== JSON.stringify(allowed(categories, config, false))) return null;
  const time = instant(stored.time);
  const expires = instant(stored.expires);
  if (!(time <= now + SKEW_MS && time < expires && expires - time <= config.days * DAY_MS)) return null;
  if (revision !== config.revision || now >= expires) return null;
  return { ...stored, categories: allowed(categories, config, gpc) };
}

/** The decision to store when the visitor chooses `categories` at `now`. */
export function decide(categories, config, gpc, now) {
  return {
    revision: config.revision, categories: allowed(categories, config, gpc),
    time: new Date(now).toISOString(), expires: new Date(now + config.days * DAY_MS).toISOString(),
  };
}

/** The categories `before` allowed and `after` no longer does. */
export function withdrawn(before, after) {
  return before.filter((id) => !after.includes(id));
}

/** Which of the cookies `present` belong to `categories` (a listed `_pk_id` also matches `_pk_id.1.abc`). */
export function cookiesToDelete(categories, config, present) {
  const listed = config.categories.filter((category) => categories.includes(category.id)).flatMap((category) => category.cookies);
  return present.filter((name) => listed.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
}
