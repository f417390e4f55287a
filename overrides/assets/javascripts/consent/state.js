// The widget's decisions as pure functions of the stored record, the configuration and the clock: no DOM, no
// storage, so tests/js/state.test.mjs checks each rule in Node. A stored record is trusted only if every field
// parses; anything else is treated as no decision, so a forged or stale cookie can never grant consent.
const DAY = 864e5;
const json = JSON.stringify;
const iso = (time) => new Date(time).toISOString();
const is = (value, pattern) => typeof value === "string" && pattern.test(value);
const ms = (value) => (is(value, /^\d{4}-\d\d-\d\dT[\d:.]{12}Z$/) && iso(Date.parse(value) || 0) === value ? Date.parse(value) : NaN);
const day = (value) => is(value, /^\d{4}-\d\d-\d\d$/) && ms(`${value}T00:00:00.000Z`) > 0;
const optional = (config) => config.categories.map((category) => category.id);
const refusedOf = (categories, config) => optional(config).filter((id) => !categories.includes(id));

export const SCHEMA = "notice-consent-record/1";

export const allowed = (chosen, config, gpc) =>
  ["necessary", ...optional(config).filter((id) => chosen.includes(id) && !(gpc && config.gpc.includes(id)))];

export function parse(text, config, now) {
  try {
    const { schema, id, time, expires, event, method, categories, refused, revision, language, notice, ...rest } = JSON.parse(text);
    const { version, url, latest, ...more } = notice;
    const [start, end] = [ms(time), ms(expires)];
    return schema === SCHEMA && is(id, /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/)
      && ["given", "refused", "withdrawn", "renewed"].includes(event) && ["accept-all", "reject-all", "save", "gpc"].includes(method)
      && json(categories) === json(allowed(categories, config, false)) && json(refused) === json(refusedOf(categories, config))
      && is(revision, /^[\da-f]{12}$/) && is(language, /^[a-z]{2,3}$/) && json({ ...rest, ...more }) === "{}"
      && day(version) && day(latest) && latest >= version && is(url, /./) && url.endsWith(`versions/${version}/`)
      && start <= now + 6e4 && start < end && end - start <= config.days * DAY
      ? { record: JSON.parse(text), current: revision === config.revision && now < end } : null;
  } catch {
    return null;
  }
}

export function eventType(previous, accepted) {
  const before = previous?.record.categories.slice(1);
  if (previous?.current && before.some((id) => !accepted.includes(id))) return "withdrawn";
  return !accepted.length ? "refused" : json(before) === json(accepted) ? "renewed" : "given";
}

export function decide({ previous, chosen, method, config, gpc, now, id, until = now + config.days * DAY }) {
  const categories = allowed(chosen, config, gpc);
  return {
    schema: SCHEMA, id, time: iso(now), expires: iso(until), event: eventType(previous, categories.slice(1)), method,
    categories, refused: refusedOf(categories, config), revision: config.revision, language: config.record.language, notice: config.record.notice,
  };
}

export function signalled(previous, config, gpc, now, id) {
  const { categories, expires } = previous?.current ? previous.record : {};
  if (!gpc || !categories?.some((category) => config.gpc.includes(category))) return null;
  return decide({ previous, chosen: categories, method: "gpc", config, gpc, now, id, until: Math.min(Date.parse(expires), now + config.days * DAY) });
}

export const news = (stored, config, seen) =>
  (stored?.current && config.amendments.find(({ version }) => version > stored.record.notice.latest && version > (seen || ""))) || null;

export const receipt = (record, { record: { controllers, purposes } }) => ({ ...record, controllers, purposes });

export function cookiesToDelete(categories, config, present) {
  const listed = config.categories.filter((category) => categories.includes(category.id)).flatMap((category) => category.cookies);
  return present.filter((name) => listed.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
}
