// Checks what the browser reads back (stored data, a file) against a declared shape and
// returns a clean copy: declared fields and own keys only, texts cleaned and capped,
// numbers whole and within limits, real dates, lists and maps of capped size. What does
// not fit is left out or defaulted, and named in `problems`. Pure: runs in the browser and
// under `node --test`. Shapes: {text: max} {int: [low, high]} {bool: 1} {day: 1}
// {list: shape, max, min} {map: shape, key: RegExp or text length, max} {fields: {…}}
// {check: value => clean or undefined}; any may add `default` and `nullable`.

((root, make) => {
  if (typeof module === "object" && module.exports) module.exports = make();
  else {
    root.faiDataSchema = make();
    root.dispatchEvent(new Event("fai-script"));
  }
})(globalThis, () => {
  "use strict";

  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

  // Control and direction characters become spaces; cut at `max`, never mid-character.
  function text(value, max) {
    if (typeof value !== "string") return undefined;
    const clean = value.replace(CONTROL, " ").trim();
    return clean.length <= max ? clean : clean.slice(0, max).replace(/[\ud800-\udbff]$/, "").trimEnd();
  }

  // A real day from 2000 to 2099: `2026-02-30` is not one.
  function isDay(value) {
    const parts = typeof value === "string" && /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
    if (!parts) return false;
    const [year, month, day] = parts.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 2000 && year < 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  const own = (object, key) => (isRecord(object) && Object.hasOwn(object, key) ? object[key] : undefined);
  const emptyMap = () => Object.create(null);

  // The clean value, or undefined when it does not fit and has no default.
  function check(value, shape, problems = [], where = "value") {
    if (value === null && shape.nullable) return null;
    const clean = value === undefined ? undefined : checked(value, shape, problems, where);
    if (clean !== undefined) return clean;
    const kept = "default" in shape;
    if (value !== undefined || !kept) problems.push(`${where}: ${value === undefined ? "missing" : "not readable"}`);
    return kept ? JSON.parse(JSON.stringify(shape.default)) : undefined;
  }

  function checked(value, shape, problems, where) {
    if ("text" in shape) return text(value, shape.text);
    if ("int" in shape) return Number.isInteger(value) && value >= shape.int[0] && value <= shape.int[1] ? value : undefined;
    if ("bool" in shape) return typeof value === "boolean" ? value : undefined;
    if ("day" in shape) return isDay(value) ? value : undefined;
    if ("check" in shape) return shape.check(value);
    if ("list" in shape) return Array.isArray(value) ? entries(value.entries(), shape, problems, where, []) : undefined;
    if ("map" in shape) return isRecord(value) ? entries(Object.entries(value), shape, problems, where, emptyMap()) : undefined;
    if (!("fields" in shape) || !isRecord(value)) return undefined;
    const clean = {};
    for (const [name, inner] of Object.entries(shape.fields)) {
      clean[name] = check(own(value, name), inner, problems, `${where}.${name}`);
      if (clean[name] === undefined) return undefined;
    }
    return clean;
  }

  // The entries that fit, at most `max`; undefined if fewer than `min` do.
  function entries(pairs, shape, problems, where, into) {
    let kept = 0;
    for (const [key, value] of pairs) {
      const at = `${where}.${String(key).slice(0, 40)}`;
      if (kept >= (shape.max ?? Infinity)) {
        problems.push(`${where}: more than ${shape.max}`);
        break;
      }
      const clean = goodKey(key, shape.key) ? check(value, shape.list || shape.map, problems, at) : undefined;
      if (clean === undefined) {
        problems.push(`${at}: left out`);
        continue;
      }
      if (Array.isArray(into)) into.push(clean);
      else into[key] = clean;
      kept += 1;
    }
    return kept >= (shape.min ?? 0) ? into : undefined;
  }

  function goodKey(key, rule) {
    if (typeof rule === "number") return key !== "" && text(key, rule) === key;
    return typeof key === "number" || !rule || rule.test(key);
  }

  return { check, text, isDay, own, emptyMap };
});
