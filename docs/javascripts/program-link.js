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

  // The program's texts besides its title and notes, in the order they are written (program_link.PROGRAM_TEXTS).
  const TEXTS = ["goal", "phase", "often", "move"];
  const FIELDS = "\u001f";
  const LINES = "\u001e";

  const isId = (value, rules) => typeof value === "string" && value.length <= rules.idMaxLength && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);

  // A clinic's own exercise is `~` and a slug; everything else in a program is the site's.
  function isCustomId(value, rules) {
    const { mark, idMaxLength } = rules.custom;
    return typeof value === "string" && value.startsWith(mark) && isId(value.slice(mark.length), { idMaxLength });
  }

  const isItemId = (value, rules) => isId(value, rules) || isCustomId(value, rules);

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

  // A clinic's own exercise {name, base, steps, care} as the catalogue would take one: a name, a step or more,
  // a precaution or more (a card never goes without one), a base the site draws or none; else null.
  function checkCustom(value, rules) {
    const limits = rules.custom;
    const own = (key) => schema().own(value, key);
    const lines = (list, most) => {
      if (!Array.isArray(list) || !list.length || list.length > most) return null;
      const clean = list.map((line) => schema().text(line, limits.lineMaxLength));
      return clean.every(Boolean) ? clean : null;
    };
    const name = schema().text(own("name"), limits.nameMaxLength);
    const base = own("base") ?? "";
    const steps = lines(own("steps"), limits.maxSteps);
    const care = lines(own("care"), limits.maxCare);
    if (!name || !steps || !care || (base !== "" && !limits.bases.includes(base))) return null;
    return { name, base, steps, care };
  }

  // {id, dose, note, problem}: a bare id keeps the usual dose (null); a dose that cannot be
  // read is null, problem "dose"; a bad id, problem "id". Digits only: `s1e1` is not 10 sets.
  function readItem(code, rules) {
    const split = code.indexOf("_");
    const note = split < 0 ? "" : schema().text(code.slice(split + 1), rules.noteMaxLength);
    const [id, ...settings] = (split < 0 ? code : code.slice(0, split)).split(".");
    if (!isItemId(id, rules)) return { id: schema().text(id, rules.idMaxLength), dose: null, note, problem: "id" };
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

  // A fragment (without '#') → {title, notes, goal, phase, often, move, review, items, problems}, or
  // {reference} for a printed sheet's code (`p=<program>.<hash>`), or null if no program.
  // Problems: {kind: "too-long"} (nothing read), {kind: "too-many", count} (the first
  // `maxExercises` kept), {kind: "twice" | "id" | "dose" | "custom", id}.
  function read(fragment, rules) {
    if (tooLong(fragment, rules)) return program(rules, new URLSearchParams(), [{ kind: "too-long" }]);
    const params = new URLSearchParams(fragment);
    if (params.has("p")) return { reference: schema().text(params.get("p"), rules.idMaxLength + 9) };
    if (!params.has("x") && !params.has("title")) return null;
    return program(rules, params, []);
  }

  // Longer than any link of this site: its exercises and texts longer than `linkMaxLength`, or a clinic's
  // exercise longer than its own limit, or more of them than a program holds.
  function tooLong(fragment, rules) {
    const custom = rules.custom.linkMaxLength;
    if (fragment.length > rules.linkMaxLength + rules.maxExercises * (custom + 1)) return true;
    const customs = fragment.split("&").filter((part) => part.startsWith("c="));
    const rest = fragment.length - customs.reduce((sum, part) => sum + part.length + 1, 0);
    return rest > rules.linkMaxLength || customs.length > rules.maxExercises || customs.some((part) => part.length > custom);
  }

  // `?exercises=a,b,c`, as exercise pages link to the builder: ids in order, usual doses.
  function readList(list, rules) {
    const params = new URLSearchParams();
    if (list.length <= rules.linkMaxLength) for (const id of list.split(",").filter(Boolean)) params.append("x", id);
    return program(rules, params, list.length > rules.linkMaxLength ? [{ kind: "too-long" }] : []);
  }

  function program(rules, params, problems) {
    const customs = readCustoms(params.getAll("c"), rules);
    const codes = params.getAll("x");
    const items = [];
    const seen = new Set();
    for (const code of codes) {
      if (items.length === rules.maxExercises) {
        problems.push({ kind: "too-many", count: codes.length });
        break;
      }
      const item = readItem(code, rules);
      const custom = isCustomId(item.id, rules) ? customs.get(item.id) ?? null : undefined;
      if (custom === null) item.problem = "custom";
      else if (custom && !item.dose) item.problem ??= "dose";
      if (item.problem) problems.push({ kind: item.problem, id: item.id });
      if (item.problem === "id" || (custom !== undefined && item.problem)) continue;
      if (seen.has(item.id)) problems.push({ kind: "twice", id: item.id });
      else items.push(custom ? { ...item, custom } : item);
      seen.add(item.id);
    }
    const words = (name, max) => schema().text(params.get(name) ?? "", max);
    const texts = Object.fromEntries(TEXTS.map((name) => [name, words(name, rules.texts[name])]));
    const review = params.get("review") ?? "";
    return {
      title: words("title", rules.titleMaxLength) || rules.defaultTitle,
      notes: words("notes", rules.notesMaxLength),
      ...texts,
      review: schema().isDay(review) ? review : "",
      items,
      problems,
    };
  }

  // `c` values → "~id" → the exercise; one that cannot be read is left out (its `x` then reports it).
  function readCustoms(codes, rules) {
    const found = new Map();
    for (const code of codes.slice(0, rules.maxExercises)) {
      const [slug, base, name, steps, care, ...rest] = code.split(FIELDS);
      const id = rules.custom.mark + slug;
      const custom = !rest.length && care !== undefined && checkCustom({ name, base, steps: steps.split(LINES), care: care.split(LINES) }, rules);
      if (custom && isCustomId(id, rules) && !found.has(id)) found.set(id, custom);
    }
    return found;
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

  function write(program, rules) {
    const params = new URLSearchParams({ title: program.title });
    for (const name of ["notes", ...TEXTS, "review"]) if (program[name]) params.set(name, program[name]);
    for (const item of program.items) params.append("x", writeItem(item, rules));
    for (const { id, custom } of program.items) {
      if (custom) params.append("c", [id.slice(rules.custom.mark.length), custom.base, custom.name, custom.steps.join(LINES), custom.care.join(LINES)].join(FIELDS));
    }
    return params.toString();
  }

  return { read, readList, readItem, write, writeItem, checkDose, checkCustom, doseProblem, isId, isItemId, isCustomId };
});
