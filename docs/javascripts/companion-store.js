// What "My program" keeps: the one shape of its localStorage data and of the files it saves
// and loads, `{"format": "fai-companion/1", programs, current, tone}`. The version goes up
// only when an older page would misread the data; fields are added without it, with a
// default, so older pages keep reading what newer ones write. Data from a newer version is
// never read or written over. Pure: it runs in the browser (as `faiCompanionStore`) and
// under `node --test`; the limits come from the page's rules (fai_site/pages/companion.py).

((root, make) => {
  if (typeof module === "object" && module.exports) module.exports = make(() => require("./data-schema.js"), () => require("./program-link.js"));
  else {
    root.faiCompanionStore = make(() => root.faiDataSchema, () => root.faiProgramLink);
    root.dispatchEvent(new Event("fai-script"));
  }
})(globalThis, (schema, link) => {
  "use strict";

  const KIND = "fai-companion";
  const VERSION = 1;
  const KEY = /^p[0-9a-z]{1,16}$/;
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

  function empty() {
    return { format: `${KIND}/${VERSION}`, programs: schema().emptyMap(), current: null, tone: false };
  }

  function shape(rules) {
    const id = { check: (value) => (link().isId(value, rules) ? value : undefined) };
    const score = { int: [0, rules.painMax] };
    const sets = rules.doseFields.find((field) => field.name === "sets").high;
    const item = {
      fields: {
        id,
        dose: { check: (value) => link().checkDose(value, rules) ?? undefined, nullable: true, default: null },
        note: { text: rules.noteMaxLength, default: "" },
        // The exercise's name when the program was opened: shown if a later site leaves it out.
        name: { text: rules.nameMaxLength, default: "" },
      },
    };
    const session = {
      fields: {
        date: { day: true },
        done: { list: id, max: rules.maxExercises, default: [] },
        total: { int: [0, rules.maxExercises], default: 0 },
        pain: score,
        note: { text: rules.sessionNoteMaxLength, default: "" },
        morning: { ...score, nullable: true, default: null },
        // When it was saved: tells two alike sessions of one day apart when files are merged.
        at: { check: (value) => (typeof value === "string" && MOMENT.test(value) ? value : undefined), default: "" },
      },
    };
    const day = {
      fields: {
        date: { day: true },
        done: { map: { bool: true }, key: SLUG, max: rules.maxExercises },
        sets: { map: { int: [0, sets] }, key: SLUG, max: rules.maxExercises },
      },
      nullable: true,
      default: null,
    };
    const program = {
      fields: {
        title: { text: rules.titleMaxLength, default: rules.defaultTitle },
        notes: { text: rules.notesMaxLength, default: "" },
        items: { list: item, min: 1, max: rules.maxExercises },
        opened: { day: true, default: "" },
        sessions: { list: session, max: rules.maxSessions, default: [] },
        day,
      },
    };
    return {
      fields: {
        programs: { map: program, key: KEY, max: rules.maxPrograms },
        current: { text: 20, nullable: true, default: null },
        tone: { bool: true, default: false },
      },
    };
  }

  // What a stored string holds: { status, store, problems }. Status "none" (nothing kept),
  // "ok", "repaired" (entries that did not fit were left out: `problems` says which),
  // "unreadable" (not this page's data) or "newer" (from a newer version: left alone).
  function fromStorage(raw, rules, today) {
    if (raw === null) return { status: "none", store: empty(), problems: [] };
    try {
      return fromValue(JSON.parse(raw), rules, today);
    } catch {
      return { status: "unreadable", store: empty(), problems: ["not JSON"] };
    }
  }

  // The same for a value already parsed, such as a file's JSON.
  function fromValue(value, rules, today) {
    const format = schema().own(value, "format");
    const version = typeof format === "string" && format.startsWith(`${KIND}/`) ? Number(format.slice(KIND.length + 1)) : NaN;
    if (Number.isInteger(version) && version > VERSION) return { status: "newer", store: empty(), problems: [`format ${version}`] };
    if (version !== VERSION) return { status: "unreadable", store: empty(), problems: ["not this page's data"] };
    const problems = [];
    const checked = schema().check(value, shape(rules), problems);
    if (checked === undefined) return { status: "unreadable", store: empty(), problems };
    const store = { ...empty(), ...checked };
    for (const program of Object.values(store.programs)) program.opened ||= earliest(program, today);
    if (!Object.hasOwn(store.programs, store.current ?? "")) {
      if (store.current !== null) problems.push("current: not a kept program");
      store.current = Object.keys(store.programs)[0] ?? null;
    }
    return { status: problems.length ? "repaired" : "ok", store, problems };
  }

  function earliest(program, today) {
    return program.sessions.reduce((first, session) => (session.date < first ? session.date : first), today);
  }

  // ---- Merging a file into what is kept ------------------------------------------------

  // Adds what `incoming` holds to `here` and takes nothing away: a program new to this
  // phone joins; a program already here gains the sessions it lacks (an older export adds
  // nothing, and removes nothing newer), and a next-morning score fills one left empty.
  // Neither store is changed. Returns { store, programs, sessions } (what was added), or
  // { tooMany } when the result would hold more than the limits allow.
  function merge(here, incoming, rules) {
    const programs = schema().emptyMap();
    const byContent = new Map();
    for (const [key, program] of Object.entries(here.programs)) {
      programs[key] = program;
      byContent.set(content(program), key);
    }
    let addedPrograms = 0;
    let addedSessions = 0;
    for (const [key, program] of Object.entries(incoming.programs)) {
      const match = byContent.get(content(program));
      if (match === undefined) {
        const free = freeKey(programs, key, program);
        programs[free] = { ...program, day: null };
        byContent.set(content(program), free);
        addedPrograms += 1;
        addedSessions += program.sessions.length;
        continue;
      }
      const kept = programs[match];
      const { sessions, added } = mergeSessions(kept.sessions, program.sessions);
      if (added || sessions.some((session, index) => session !== kept.sessions[index])) {
        programs[match] = { ...kept, sessions, opened: program.opened < kept.opened ? program.opened : kept.opened };
      }
      addedSessions += added;
    }
    const most = Math.max(0, ...Object.values(programs).map((program) => program.sessions.length));
    if (Object.keys(programs).length > rules.maxPrograms || most > rules.maxSessions) return { tooMany: true };
    const current = here.current ?? incoming.current;
    const store = { ...here, programs, current: Object.hasOwn(programs, current ?? "") ? current : Object.keys(programs)[0] ?? null };
    return { store, programs: addedPrograms, sessions: addedSessions };
  }

  // A program is the same one when its title and exercises are.
  function content(program) {
    return JSON.stringify([program.title, program.items.map(({ id, dose, note }) => [id, dose, note])]);
  }

  function freeKey(programs, key, program) {
    if (!Object.hasOwn(programs, key)) return key;
    let salt = 0;
    let free;
    do {
      salt += 1;
      free = `p${hash(content(program) + salt)}`;
    } while (Object.hasOwn(programs, free));
    return free;
  }

  // Sessions are told apart by everything but the next morning's score, which a later
  // visit fills in. Each one in `incoming` that `here` does not have is added, as many
  // times as the file has it more often than here.
  function mergeSessions(here, incoming) {
    const sessions = [...here];
    const waiting = new Map();
    here.forEach((session, index) => {
      const key = identity(session);
      waiting.set(key, [...(waiting.get(key) ?? []), index]);
    });
    let added = 0;
    for (const session of incoming) {
      const index = waiting.get(identity(session))?.shift();
      if (index === undefined) {
        sessions.push(session);
        added += 1;
      } else if (sessions[index].morning === null && session.morning !== null) {
        sessions[index] = { ...sessions[index], morning: session.morning };
      }
    }
    if (added) sessions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { sessions, added };
  }

  function identity({ date, at, done, total, pain, note }) {
    return JSON.stringify([date, at, done, total, pain, note]);
  }

  // What a file holds, for the patient to see before anything changes.
  function summary(store) {
    return Object.values(store.programs).map((program) => ({
      title: program.title,
      sessions: program.sessions.length,
      first: program.sessions[0]?.date ?? null,
      last: program.sessions.at(-1)?.date ?? null,
    }));
  }

  // A program's key: a hash of what it is, so the same link opens the same program again.
  function keyFor(title, items) {
    return `p${hash(JSON.stringify([title, items.map(({ id, dose, note }) => ({ id, dose, note }))]))}`;
  }

  function hash(text) {
    let value = 5381;
    for (let index = 0; index < text.length; index += 1) value = (value * 33 + text.charCodeAt(index)) >>> 0;
    return value.toString(36);
  }

  return { VERSION, empty, fromStorage, fromValue, merge, summary, keyFor };
});
