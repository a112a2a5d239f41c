// docs/javascripts/companion-store.js: what My program keeps, read back safely and merged without loss.

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const store = require("../../docs/javascripts/companion-store.js");
const { storeRules: rules, exercises } = require("./fixture.js");

const TODAY = "2026-12-09";
const dose = { ...exercises.clamshell };

function session(date, pain, extra = {}) {
  return { date, done: ["clamshell"], total: 1, pain, note: "", morning: null, at: `${date}T09:00:00.000Z`, ...extra };
}

// What this page keeps, every field at its value as the page writes it.
function kept(sessions, extra = {}) {
  const texts = { goal: "", phase: "", often: "", move: "", review: "" };
  const item = { id: "clamshell", dose, note: "", name: "Clamshell", custom: null };
  return {
    format: "fai-companion/1",
    programs: { pabc: { title: "Hip", notes: "", ...texts, items: [item], opened: "2026-12-01", sessions, day: null, days: [], remind: "" } },
    current: "pabc",
    tone: false,
    psfs: { activities: [], entries: [] },
    backedUp: "",
    ...extra,
  };
}

const OWN = { name: "Shoulder rolls", base: "sitting", steps: ["Sit tall.", "Roll your shoulders back 10 times."], care: ["Stop if your neck hurts."] };

const read = (value) => store.fromStorage(JSON.stringify(value), rules, TODAY);
const plain = (value) => JSON.parse(JSON.stringify(value));

test("what the page keeps reads back as it was", () => {
  const value = kept([session("2026-12-02", 3), session("2026-12-03", 5, { morning: 2, note: "Stairs" })]);
  const result = read(value);
  assert.equal(result.status, "ok");
  assert.deepEqual(plain(result.store), value);
});

test("data saved before the plan, the calendar, the weekly activities and a clinic's own exercises reads, each at its default", () => {
  const value = kept([session("2026-12-02", 3)]);
  for (const name of ["goal", "phase", "often", "move", "review", "days", "remind"]) delete value.programs.pabc[name];
  delete value.programs.pabc.items[0].custom;
  delete value.psfs;
  delete value.backedUp;
  const result = read(value);
  assert.equal(result.status, "ok");
  assert.deepEqual(plain(result.store), kept([session("2026-12-02", 3)]));
});

test("data is written as version 1 unless it holds a clinic's own exercise, which a page of version 1 would misread", () => {
  const value = kept([session("2026-12-02", 3)]);
  assert.equal(JSON.parse(store.toText(read(value).store)).format, "fai-companion/1");
  value.programs.pabc.items.push({ id: "~shoulder-rolls", dose: { ...dose, each_side: false }, note: "", name: "", custom: OWN });
  value.format = "fai-companion/2";
  const result = read(value);
  assert.equal(result.status, "ok");
  assert.deepEqual(plain(result.store.programs.pabc.items[1].custom), OWN);
  assert.equal(JSON.parse(store.toText(result.store)).format, "fai-companion/2");
  assert.deepEqual(plain(read(JSON.parse(store.toText(result.store))).store), plain(result.store));
});

test("a clinic's own exercise that cannot be read is left out, and the rest kept", () => {
  const value = kept([session("2026-12-02", 3)]);
  value.format = "fai-companion/2";
  value.programs.pabc.items.push({ id: "~no-care", dose, note: "", name: "", custom: { ...OWN, care: [] } });
  value.programs.pabc.items.push({ id: "~bad-base", dose, note: "", name: "", custom: { ...OWN, base: "upside-down" } });
  const result = read(value);
  assert.equal(result.status, "repaired");
  assert.deepEqual(result.store.programs.pabc.items.map((item) => [item.id, item.custom]), [["clamshell", null], ["~no-care", null], ["~bad-base", null]]);
});

test("the weekly activities are kept, checked and capped", () => {
  const rating = (activity, score) => ({ activity, score });
  const entry = (date, ratings) => ({ date, at: `${date}T09:00:00.000Z`, ratings });
  const value = kept([], { psfs: { activities: ["Stairs", "Running", "Sitting at work"], entries: [entry("2026-12-02", [rating("Stairs", 4), rating("Running", 1)])] } });
  assert.deepEqual(plain(read(value).store.psfs), value.psfs);
  value.psfs.entries.push(entry("2026-12-09", [rating("Stairs", 11)]), entry("2026-02-30", [rating("Stairs", 3)]), entry("2026-12-10", []));
  value.psfs.activities.push("A fourth");
  const result = read(value);
  assert.equal(result.status, "repaired");
  assert.equal(result.store.psfs.entries.length, 1);
  assert.equal(result.store.psfs.activities.length, rules.psfsActivities);
});

test("weekly activities merge like sessions: added once, never removed", () => {
  const entry = { date: "2026-12-02", at: "2026-12-02T09:00:00.000Z", ratings: [{ activity: "Stairs", score: 4 }] };
  const here = read(kept([])).store;
  const file = read(kept([], { psfs: { activities: ["Stairs"], entries: [entry] } })).store;
  const merged = store.merge(here, file, rules);
  assert.equal(merged.ratings, 1);
  assert.deepEqual(plain(merged.store.psfs), { activities: ["Stairs"], entries: [entry] });
  assert.equal(store.merge(merged.store, file, rules).ratings, 0);
  assert.deepEqual(plain(store.merge(merged.store, here, rules).store.psfs.entries), [entry]);
});

test("data saved by the first companion, without names or times, still reads", () => {
  const old = kept([{ date: "2026-12-02", done: ["clamshell"], total: 1, pain: 3, note: "", morning: null }]);
  delete old.programs.pabc.items[0].name;
  const result = read(old);
  assert.equal(result.status, "ok");
  assert.equal(result.store.programs.pabc.sessions[0].at, "");
  assert.equal(result.store.programs.pabc.items[0].name, "");
});

test("nothing kept, not JSON, not ours, or from a newer version", () => {
  assert.equal(store.fromStorage(null, rules, TODAY).status, "none");
  assert.equal(store.fromStorage("{not json", rules, TODAY).status, "unreadable");
  assert.equal(read({ format: "something-else", programs: {} }).status, "unreadable");
  assert.equal(read(["fai-companion/1"]).status, "unreadable");
  assert.equal(read({ format: "fai-companion/1", programs: [] }).status, "unreadable");
  assert.equal(read({ ...kept([]), format: "fai-companion/3" }).status, "newer");
  assert.equal(read({ ...kept([]), format: "fai-companion/0" }).status, "unreadable");
});

test("hostile values are left out or reset, and the rest is kept", () => {
  const value = kept([session("2026-12-02", 3), session("2026-02-30", 4), session("2026-12-03", 11), session("2026-12-04", 2)], { current: "__proto__" });
  value.programs.pabc.items.push({ id: "glute-bridge", dose: { ...exercises["glute-bridge"], reps: 100000000 }, note: "" });
  value.programs.pabc.title = "T".repeat(5000);
  value.programs.pabc.day = { date: TODAY, done: JSON.parse('{"__proto__": true, "constructor": true}'), sets: { clamshell: 99 } };
  const result = read(JSON.parse(JSON.stringify(value).replace('"pabc":', '"__proto__": {"title": "x"}, "constructor": 1, "pabc":')));
  assert.equal(result.status, "repaired");
  const program = result.store.programs.pabc;
  assert.deepEqual(program.sessions.map((each) => each.date), ["2026-12-02", "2026-12-04"]);
  assert.equal(program.items[1].dose, null, "an impossible dose is the usual dose, and reported");
  assert.equal(program.title.length, rules.titleMaxLength);
  assert.deepEqual(Object.keys(program.day.done), ["constructor"]);
  assert.deepEqual({ ...program.day.sets }, {});
  assert.deepEqual(Object.keys(result.store.programs), ["pabc"]);
  assert.equal(result.store.current, "pabc", "a current program that is not one of the kept ones is the first kept one");
  assert.equal(Object.getPrototypeOf(result.store.programs), null);
  assert.equal({}.title, undefined);
  assert.ok(result.problems.length >= 5);
});

test("a current of constructor names no program", () => {
  const result = read(kept([], { current: "constructor" }));
  assert.equal(result.store.current, "pabc");
  assert.equal(read({ format: "fai-companion/1", programs: {}, current: "constructor" }).store.current, null);
});

test("a program naming an exercise the site no longer has is kept whole", () => {
  const value = kept([session("2026-12-02", 3)]);
  value.programs.pabc.items.push({ id: "retired-exercise", dose: null, note: "", name: "Retired exercise" });
  const result = read(value);
  assert.equal(result.status, "ok");
  assert.deepEqual(result.store.programs.pabc.items.map((item) => item.id), ["clamshell", "retired-exercise"]);
});

test("sizes are capped: programs, sessions and notes", () => {
  const many = Array.from({ length: rules.maxSessions + 1 }, () => session("2026-12-02", 3, { note: "n".repeat(1000) }));
  const result = read(kept(many));
  assert.equal(result.store.programs.pabc.sessions.length, rules.maxSessions);
  assert.equal(result.store.programs.pabc.sessions[0].note.length, rules.sessionNoteMaxLength);
  assert.equal(result.status, "repaired");
});

test("merging an older export into newer data removes nothing", () => {
  const older = read(kept([session("2026-12-02", 3)])).store;
  const newer = read(kept([session("2026-12-02", 3, { morning: 4 }), session("2026-12-03", 5), session("2026-12-04", 2)])).store;
  const merged = store.merge(newer, older, rules);
  assert.equal(merged.programs, 0);
  assert.equal(merged.sessions, 0);
  assert.deepEqual(plain(merged.store), plain(newer));
  const back = store.merge(older, newer, rules);
  assert.equal(back.sessions, 2);
  assert.deepEqual(plain(back.store.programs.pabc.sessions), plain(newer.programs.pabc.sessions), "the morning score fills the one left empty");
  assert.deepEqual(plain(older), plain(read(kept([session("2026-12-02", 3)])).store), "neither store is changed");
});

test("two alike sessions in one day are both kept, and not doubled by a second import", () => {
  const twice = read(kept([session("2026-12-02", 3, { at: "" }), session("2026-12-02", 3, { at: "" })])).store;
  const once = read(kept([session("2026-12-02", 3, { at: "" })])).store;
  const merged = store.merge(once, twice, rules);
  assert.equal(merged.sessions, 1);
  assert.equal(store.merge(merged.store, twice, rules).sessions, 0);
  assert.equal(merged.store.programs.pabc.sessions.length, 2);
});

test("a different program under a key already used joins under a key of its own", () => {
  const here = read(kept([session("2026-12-02", 3)])).store;
  const other = kept([session("2026-12-05", 1)]);
  other.programs.pabc.title = "Another program";
  const merged = store.merge(here, read(other).store, rules);
  assert.equal(merged.programs, 1);
  assert.equal(Object.keys(merged.store.programs).length, 2);
  assert.equal(merged.store.programs.pabc.title, "Hip");
  assert.equal(merged.store.current, "pabc");
});

test("a merge that would hold more than the limits is refused", () => {
  const full = kept(Array.from({ length: rules.maxSessions }, (_, index) => session("2026-12-02", 3, { at: `2026-12-02T09:00:${String(index % 60).padStart(2, "0")}.${String(index).padStart(3, "0").slice(-3)}Z` })));
  const more = kept([session("2026-12-06", 1)]);
  assert.deepEqual(store.merge(read(full).store, read(more).store, rules), { tooMany: true });
});

test("a program's key is the same for the same link, as the first companion made it", () => {
  const items = [{ id: "clamshell", dose, note: "", name: "Clamshell" }];
  assert.equal(store.keyFor("Hip", items), store.keyFor("Hip", [{ id: "clamshell", dose, note: "" }]));
  assert.notEqual(store.keyFor("Hip", items), store.keyFor("Hip 2", items));
});

test("a summary says what a file holds", () => {
  const file = read(kept([session("2026-12-02", 3), session("2026-12-05", 1)])).store;
  assert.deepEqual(store.summary(file), [{ title: "Hip", sessions: 2, first: "2026-12-02", last: "2026-12-05" }]);
});
