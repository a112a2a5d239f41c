// What "My program" keeps: the one shape of its localStorage data and of the files it saves
// and loads, `{"format": "fai-companion/2", programs, current, tone, psfs, backedUp}`. The version
// goes up only when an older page would misread the data; fields are added without it, with a
// default, so older pages keep reading what newer ones write. A clinic's own exercise is such a
// case (a page of version 1 would call it "no longer in the site's list"): data holding one is
// written as version 2, and a page of version 1 leaves it alone; data without one is written as
// version 1, as before. Data from a newer version is never read or written over. Pure: it runs
// in the browser (as `faiCompanionStore`) and under `node --test`; the limits come from the
// page's rules (fai_site/pages/companion.py).

((root, make) => {
  if (typeof module === "object" && module.exports) module.exports = make(() => require("./data-schema.js"), () => require("./program-link.js"));
  else {
    root.faiCompanionStore = make(() => root.faiDataSchema, () => root.faiProgramLink);
    root.dispatchEvent(new Event("fai-script"));
  }
})(globalThis, (schema, link) => {
  "use strict";

  const KIND = "fai-companion";
  // The newest version this page reads; it writes the oldest that reads its data right (`toText`).
  const VERSION = 2;
  const KEY = /^p[0-9a-z]{1,16}$/;
  const ITEM_KEY = /^~?[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
  const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

  function empty() {
    return { format: `${KIND}/1`, programs: schema().emptyMap(), current: null, tone: false, psfs: { activities: [], entries: [] }, backedUp: "" };
  }

  function shape(rules) {
    const id = { check: (value) => (link().isItemId(value, rules) ? value : undefined) };
    const score = { int: [0, rules.painMax] };
    const sets = rules.doseFields.find((field) => field.name === "sets").high;
    const moment = { check: (value) => (typeof value === "string" && MOMENT.test(value) ? value : undefined), default: "" };
    // A day, or "" for none yet.
    const someDay = { check: (value) => (value === "" || schema().isDay(value) ? value : undefined), default: "" };
    const item = {
      fields: {
        id,
        dose: { check: (value) => link().checkDose(value, rules) ?? undefined, nullable: true, default: null },
        note: { text: rules.noteMaxLength, default: "" },
        // The exercise's name when the program was opened: shown if a later site leaves it out.
        name: { text: rules.nameMaxLength, default: "" },
        // A clinic's own exercise, whole: it is in no site's list.
        custom: { check: (value) => link().checkCustom(value, rules) ?? undefined, nullable: true, default: null },
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
        at: moment,
      },
    };
    const day = {
      fields: {
        date: { day: true },
        done: { map: { bool: true }, key: ITEM_KEY, max: rules.maxExercises },
        sets: { map: { int: [0, sets] }, key: ITEM_KEY, max: rules.maxExercises },
      },
      nullable: true,
      default: null,
    };
    const texts = Object.fromEntries(Object.entries(rules.texts).map(([name, max]) => [name, { text: max, default: "" }]));
    const program = {
      fields: {
        title: { text: rules.titleMaxLength, default: rules.defaultTitle },
        notes: { text: rules.notesMaxLength, default: "" },
        ...texts,
        review: someDay,
        items: { list: item, min: 1, max: rules.maxExercises },
        opened: { day: true, default: "" },
        sessions: { list: session, max: rules.maxSessions, default: [] },
        day,
        // The weekdays the patient chose (0 for Monday), and the time of the calendar's reminder.
        days: { list: { int: [0, 6] }, max: 7, default: [] },
        remind: { check: (value) => (value === "" || (typeof value === "string" && TIME.test(value)) ? value : undefined), default: "" },
      },
    };
    // The Patient-Specific Functional Scale: up to 3 activities, each rated 0 (cannot do it) to 10 (as before).
    const rating = { fields: { activity: { text: rules.psfsActivityMaxLength }, score: { int: [0, rules.psfsMax] } } };
    const psfs = {
      fields: {
        activities: { list: { text: rules.psfsActivityMaxLength }, max: rules.psfsActivities, default: [] },
        entries: { list: { fields: { date: { day: true }, at: moment, ratings: { list: rating, min: 1, max: rules.psfsActivities } } }, max: rules.maxSessions, default: [] },
      },
      default: { activities: [], entries: [] },
    };
    return {
      fields: {
        programs: { map: program, key: KEY, max: rules.maxPrograms },
        current: { text: 20, nullable: true, default: null },
        tone: { bool: true, default: false },
        psfs,
        // The day the data was last saved as a file.
        backedUp: someDay,
      },
    };
  }

  // The text kept in storage or a file: version 2 only if a page of version 1 would misread it.
  function toText(store, extra = {}, space = undefined) {
    const custom = Object.values(store.programs).some((program) => program.items.some((item) => item.custom));
    return JSON.stringify({ ...store, format: `${KIND}/${custom ? 2 : 1}`, ...extra }, null, space);
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
    if (!(version >= 1 && version <= VERSION)) return { status: "unreadable", store: empty(), problems: ["not this page's data"] };
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
  // Neither store is changed. Returns { store, programs, sessions, ratings } (what was added), or
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
    const entries = [...here.psfs.entries];
    const known = new Set(entries.map((entry) => JSON.stringify(entry)));
    const newEntries = incoming.psfs.entries.filter((entry) => !known.has(JSON.stringify(entry)));
    if (Object.keys(programs).length > rules.maxPrograms || most > rules.maxSessions || entries.length + newEntries.length > rules.maxSessions) return { tooMany: true };
    entries.push(...newEntries);
    entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const psfs = { activities: here.psfs.activities.length ? here.psfs.activities : incoming.psfs.activities, entries };
    const current = here.current ?? incoming.current;
    const backedUp = here.backedUp > incoming.backedUp ? here.backedUp : incoming.backedUp;
    const store = { ...here, programs, psfs, backedUp, current: Object.hasOwn(programs, current ?? "") ? current : Object.keys(programs)[0] ?? null };
    return { store, programs: addedPrograms, sessions: addedSessions, ratings: newEntries.length };
  }

  // A program is the same one when its title and exercises are.
  function content(program) {
    return JSON.stringify([program.title, program.items.map(({ id, dose, note, custom }) => [id, dose, note, custom ?? null])]);
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
    return `p${hash(JSON.stringify([title, items.map(({ id, dose, note, custom }) => (custom ? { id, dose, note, custom } : { id, dose, note }))]))}`;
  }

  function hash(text) {
    let value = 5381;
    for (let index = 0; index < text.length; index += 1) value = (value * 33 + text.charCodeAt(index)) >>> 0;
    return value.toString(36);
  }

  return { VERSION, empty, fromStorage, fromValue, toText, merge, summary, keyFor };
});
