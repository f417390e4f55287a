// The decision logic, pure: no document, window or storage here, so that it can be tested on its own (tests/js/).
import { DAY_MS, NECESSARY } from "./constants.js";

const optionalIds = (config) => config.categories.map((category) => category.id);

/** What may run: necessary always; the chosen optional categories, less those a GPC signal refuses. */
export function allowed(categories, config, gpc) {
  const refused = gpc ? config.gpc : [];
  return [NECESSARY, ...optionalIds(config).filter((id) => categories.includes(id) && !refused.includes(id))];
}

/** The stored decision, if it is still current; null otherwise. */
export function parse(text, config, now, gpc) {
  try {
    const stored = JSON.parse(text);
    const current = stored.revision === config.revision && now < Date.parse(stored.expires)
      && now - Date.parse(stored.time) < config.days * DAY_MS;
    return current ? { ...stored, categories: allowed(stored.categories, config, gpc) } : null;
  } catch {
    return null;
  }
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
