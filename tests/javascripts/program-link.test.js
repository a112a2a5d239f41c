// docs/javascripts/program-link.js: one reader and writer of the program link, within the model's limits.

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const link = require("../../docs/javascripts/program-link.js");
const { linkRules: rules, programs, exercises } = require("./fixture.js");

const field = (name) => rules.doseFields.find((each) => each.name === name);
const clamshell = exercises.clamshell;

test("every handout's link reads back as the catalogue's program, doses and notes", () => {
  assert.ok(programs.length > 0);
  for (const program of programs) {
    const read = link.read(program.fragment, rules);
    assert.deepEqual(read.problems, [], program.title);
    assert.equal(read.title, program.title);
    assert.deepEqual(read.items.map(({ id, dose, note }) => ({ id, dose, note })), program.items);
  }
});

test("what the writer writes, the reader reads back unchanged", () => {
  const program = {
    title: "Après l'opération: 2 × par jour & plus",
    notes: "Ice_after + rest; 100% gently",
    items: [
      { id: "clamshell", dose: link.checkDose({ ...clamshell, sets: 2 }, rules), note: "Keep your top hip forward_slowly & gently" },
      { id: "stationary-bike", dose: link.checkDose({ duration_minutes: 15 }, rules), note: "" },
    ],
  };
  const read = link.read(link.write(program, rules), rules);
  assert.deepEqual(read, { ...program, items: program.items.map((item) => ({ ...item, problem: null })), problems: [] });
  for (const each of programs) assert.deepEqual(link.read(link.write(link.read(each.fragment, rules), rules), rules).items, link.read(each.fragment, rules).items);
});

test("a bare id keeps the exercise's usual dose, as the builder and My program both read it", () => {
  assert.deepEqual(link.read("x=clamshell", rules).items, [{ id: "clamshell", dose: null, note: "", problem: null }]);
  assert.deepEqual(link.readList("glute-bridge,,clamshell", rules).items.map((item) => [item.id, item.dose]), [["glute-bridge", null], ["clamshell", null]]);
});

test("numbers are digits within the model's limits: s1e1 is not ten sets", () => {
  const dose = (code) => link.readItem(`clamshell.${code}`, rules);
  assert.equal(dose("s1e1.r10").problem, "dose");
  assert.equal(dose("s0x10.r10").problem, "dose");
  assert.equal(dose(`s${field("sets").high + 1}.r10`).problem, "dose");
  assert.equal(dose(`s${field("sets").high}.r${field("reps").high}`).dose.sets, field("sets").high);
  assert.equal(dose("s3.r-1").problem, "dose");
  assert.equal(dose("s3.r100000000").problem, "dose");
  assert.equal(dose("s3.r1.5").problem, "dose");
  assert.equal(dose("s3.s4.r10").problem, "dose", "a field given twice");
  assert.equal(dose("s3.r10.e1").problem, "dose", "each side is a letter alone");
  assert.equal(dose("s3.r10.q4").problem, "dose", "an unknown letter");
  assert.equal(dose("s3").problem, "dose", "sets without an amount");
  assert.equal(dose("r10").problem, "dose", "reps without sets");
  assert.deepEqual(dose("m20").dose, { duration_minutes: 20, each_side: false, times_per_day: 1, days_per_week: 7 });
});

test("a note is capped at the model's length, whatever the page", () => {
  const read = link.readItem(`clamshell.s3.r10_${"n".repeat(500)}`, rules);
  assert.equal(read.note.length, rules.noteMaxLength);
  assert.equal(link.read(`title=${"t".repeat(500)}&notes=${"m".repeat(500)}&x=clamshell`, rules).title.length, rules.titleMaxLength);
  assert.equal(link.read(`notes=${"m".repeat(500)}&x=clamshell`, rules).notes.length, rules.notesMaxLength);
  assert.equal(link.read("x=clamshell_a%07b%E2%80%AEc", rules).items[0].note, "a b c");
});

test("ids are slugs: anything else is reported, never kept", () => {
  const read = link.read("x=__proto__&x=constructor&x=%3Cimg%3E&x=clamshell", rules);
  assert.deepEqual(read.items.map((item) => item.id), ["constructor", "clamshell"]);
  assert.deepEqual(read.problems, [{ kind: "id", id: "" }, { kind: "id", id: "<img>" }]);
  assert.equal({}.polluted, undefined);
});

test("a link never holds more than a program may: extra items, repeats and oversized links are refused", () => {
  const many = Array.from({ length: 5000 }, (_, index) => `x=e${index}`).join("&");
  assert.deepEqual(link.read(many, rules).problems, [{ kind: "too-long" }]);
  const items = Array.from({ length: rules.maxExercises + 3 }, (_, index) => `x=e${index}`).join("&");
  const read = link.read(items, rules);
  assert.equal(read.items.length, rules.maxExercises);
  assert.deepEqual(read.problems, [{ kind: "too-many", count: rules.maxExercises + 3 }]);
  assert.deepEqual(link.read("x=clamshell&x=clamshell.s2.r5", rules).problems, [{ kind: "twice", id: "clamshell" }]);
  assert.equal(link.read("title=x&y=1", rules).items.length, 0);
  assert.equal(link.read("y=1", rules), null);
});

test("the longest program the model allows fits in a link the reader accepts", () => {
  const wide = (length) => "中".repeat(length);
  const high = Object.fromEntries(rules.doseFields.map((each) => [each.name, each.high ?? true]));
  const program = {
    title: wide(rules.titleMaxLength),
    notes: wide(rules.notesMaxLength),
    items: Array.from({ length: rules.maxExercises }, (_, index) => ({ id: `${"a".repeat(rules.idMaxLength - 3)}-${String(index).padStart(2, "0")}`, dose: link.checkDose(high, rules), note: wide(rules.noteMaxLength) })),
  };
  const written = link.write(program, rules);
  assert.ok(written.length <= rules.linkMaxLength, `${written.length} > ${rules.linkMaxLength}`);
  assert.deepEqual(link.read(written, rules).problems, []);
});

test("a dose is checked as the model checks it", () => {
  assert.deepEqual(link.checkDose(clamshell, rules), clamshell);
  assert.equal(link.checkDose({ ...clamshell, reps: 100000000 }, rules), null);
  assert.equal(link.checkDose({ ...clamshell, each_side: "yes" }, rules), null);
  assert.equal(link.checkDose({ each_side: true }, rules), null);
  assert.equal(link.checkDose([], rules), null);
  assert.equal(link.checkDose(JSON.parse('{"__proto__": {"sets": 3, "reps": 5}}'), rules), null);
});
