// The program link, read and written here only, for the builder and "My program" (the
// format: fai_site/pages/program_link.py). Every limit is the page's rules, the catalogue
// model's own numbers. Pure: runs in the browser and under `node --test`.

((root, make) => {
  if (typeof module === "object" && module.exports) module.exports = make(() => require("./data-schema.js"));
  else {
    root.faiProgramLink = make(() => root.faiDataSchema);
    root.dispatchEvent(new Event("fai-script"));
  }
})(globalThis, (schema) => {
  "use strict";

  const isId = (value, rules) => typeof value === "string" && value.length <= rules.idMaxLength && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);

  // A dose as the model allows it (Dosage), missing fields at their defaults; else null.
  function checkDose(dose, rules) {
    if (typeof dose !== "object" || dose === null || Array.isArray(dose)) return null;
    const clean = {};
    for (const { name, low, high, default: usual } of rules.doseFields) {
      const value = schema().own(dose, name) ?? usual;
      const fits = low === null ? typeof value === "boolean" : Number.isInteger(value) && value >= low && value <= high;
      if (fits) clean[name] = value;
      else if (value !== null) return null;
    }
    return doseProblem(clean) ? null : clean;
  }

  // The model's rule in a clinician's words; null when it holds.
  function doseProblem(dose) {
    if (dose.reps == null && dose.hold_seconds == null && dose.duration_minutes == null) return "give reps, a hold or minutes";
    if (dose.duration_minutes == null && dose.sets == null) return "give the number of sets";
    return null;
  }

  // {id, dose, note, problem}: a bare id keeps the usual dose (null); a dose that cannot be
  // read is null, problem "dose"; a bad id, problem "id". Digits only: `s1e1` is not 10 sets.
  function readItem(code, rules) {
    const split = code.indexOf("_");
    const note = split < 0 ? "" : schema().text(code.slice(split + 1), rules.noteMaxLength);
    const [id, ...settings] = (split < 0 ? code : code.slice(0, split)).split(".");
    if (!isId(id, rules)) return { id: schema().text(id, rules.idMaxLength), dose: null, note, problem: "id" };
    if (!settings.length) return { id, dose: null, note, problem: null };
    const dose = {};
    for (const setting of settings) {
      const field = rules.doseFields.find(({ code: letter }) => letter === setting.charAt(0));
      const digits = setting.slice(1);
      const fits = field && !Object.hasOwn(dose, field.name) && (field.low === null ? digits === "" : /^\d{1,4}$/.test(digits));
      if (!fits) return { id, dose: null, note, problem: "dose" };
      dose[field.name] = field.low === null || Number(digits);
    }
    const checked = checkDose(dose, rules);
    return { id, dose: checked, note, problem: checked ? null : "dose" };
  }

  // A fragment (without '#') → {title, notes, items, problems}, or null if no program.
  // Problems: {kind: "too-long"} (nothing read), {kind: "too-many", count} (the first
  // `maxExercises` kept), {kind: "twice" | "id" | "dose", id}.
  function read(fragment, rules) {
    if (fragment.length > rules.linkMaxLength) return program(rules, null, null, [], [{ kind: "too-long" }]);
    const params = new URLSearchParams(fragment);
    if (!params.has("x") && !params.has("title")) return null;
    return program(rules, params.get("title"), params.get("notes"), params.getAll("x"), []);
  }

  // `?exercises=a,b,c`, as exercise pages link to the builder: ids in order, usual doses.
  function readList(list, rules) {
    if (list.length > rules.linkMaxLength) return program(rules, null, null, [], [{ kind: "too-long" }]);
    return program(rules, null, null, list.split(",").filter(Boolean), []);
  }

  function program(rules, title, notes, codes, problems) {
    const items = [];
    const seen = new Set();
    for (const code of codes) {
      if (items.length === rules.maxExercises) {
        problems.push({ kind: "too-many", count: codes.length });
        break;
      }
      const item = readItem(code, rules);
      if (item.problem) problems.push({ kind: item.problem, id: item.id });
      if (item.problem === "id") continue;
      if (seen.has(item.id)) problems.push({ kind: "twice", id: item.id });
      else items.push(item);
      seen.add(item.id);
    }
    const words = (value, max) => schema().text(value ?? "", max);
    return { title: words(title, rules.titleMaxLength) || rules.defaultTitle, notes: words(notes, rules.notesMaxLength), items, problems };
  }

  // As fai_site/pages/program_link.py writes it.
  function writeItem({ id, dose, note }, rules) {
    const parts = [id];
    for (const { name, code } of rules.doseFields) {
      const value = dose?.[name];
      if (value === true) parts.push(code);
      else if (value != null && value !== false) parts.push(code + value);
    }
    return parts.join(".") + (note ? `_${note}` : "");
  }

  function write({ title, notes, items }, rules) {
    const params = new URLSearchParams({ title });
    if (notes) params.set("notes", notes);
    for (const item of items) params.append("x", writeItem(item, rules));
    return params.toString();
  }

  return { read, readList, readItem, write, writeItem, checkDose, doseProblem, isId };
});
