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
  const texts = { goal: "", phase: "", often: "", move: "", review: "" };
  assert.deepEqual(read, { ...program, ...texts, items: program.items.map((item) => ({ ...item, problem: null })), problems: [] });
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

const OWN = { name: "Shoulder rolls & neck", base: "sitting", steps: ["Sit tall_on a chair.", "Roll your shoulders back, 10 times."], care: ["Stop if your neck hurts."] };
const ownItem = (extra = {}) => ({ id: "~shoulder-rolls", dose: link.checkDose({ sets: 2, reps: 10 }, rules), note: "Slowly", custom: OWN, ...extra });

test("a handout's texts travel with its program: goal, phase line, spacing advice, when to move on", () => {
  for (const program of programs) {
    const read = link.read(program.fragment, rules);
    assert.deepEqual([read.goal, read.phase, read.often, read.move], [program.goal, program.phase, program.often, program.move], program.title);
    assert.equal(link.write(read, rules), program.fragment, "written back as the site writes it");
  }
});

test("a clinic's own exercise travels whole in the link, in its place", () => {
  const program = { title: "Own", notes: "", goal: "Walk to the shops", phase: "", often: "", move: "", review: "2027-01-15", items: [{ id: "clamshell", dose: link.checkDose(clamshell, rules), note: "" }, ownItem()] };
  const read = link.read(link.write(program, rules), rules);
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.items.map((item) => item.id), ["clamshell", "~shoulder-rolls"]);
  assert.deepEqual(read.items[1].custom, OWN);
  assert.equal(read.items[1].note, "Slowly");
  assert.equal(read.review, "2027-01-15");
  assert.equal(read.goal, "Walk to the shops");
});

test("a clinic's own exercise without a precaution, a step, a dose or its definition is left out and named", () => {
  const written = (custom, extra) => link.write({ title: "Own", items: [ownItem({ custom, ...extra })] }, rules);
  for (const custom of [{ ...OWN, care: [""] }, { ...OWN, steps: [] }, { ...OWN, name: " " }, { ...OWN, base: "upside-down" }]) {
    const read = link.read(written(custom), rules);
    assert.deepEqual(read.items, [], JSON.stringify(custom));
    assert.deepEqual(read.problems, [{ kind: "custom", id: "~shoulder-rolls" }]);
  }
  const bare = link.read(written(OWN).replace(/x=[^&]*/, "x=%7Eshoulder-rolls"), rules);
  assert.deepEqual([bare.items, bare.problems], [[], [{ kind: "dose", id: "~shoulder-rolls" }]], "it has no usual dose");
  assert.deepEqual(link.read("x=%7Eshoulder-rolls.s2.r10", rules).problems, [{ kind: "custom", id: "~shoulder-rolls" }]);
  assert.equal(link.read("x=%7E__proto__.s2.r10", rules).problems[0].kind, "id");
});

test("a review date must be a real day", () => {
  assert.equal(link.read("x=clamshell&review=2027-02-30", rules).review, "");
  assert.equal(link.read("x=clamshell&review=2027-02-28", rules).review, "2027-02-28");
});

test("a clinic's own exercise is held to its own length, and a link to as many as a program holds", () => {
  const long = { ...OWN, steps: Array(rules.custom.maxSteps).fill("中".repeat(rules.custom.lineMaxLength)), care: Array(rules.custom.maxCare).fill("中".repeat(rules.custom.lineMaxLength)), name: "中".repeat(rules.custom.nameMaxLength) };
  const items = Array.from({ length: rules.maxExercises }, (_, index) => ownItem({ id: `~${"a".repeat(rules.custom.idMaxLength - 3)}-${String(index).padStart(2, "0")}`, custom: long, note: "中".repeat(rules.noteMaxLength) }));
  const read = link.read(link.write({ title: "中".repeat(rules.titleMaxLength), items }, rules), rules);
  assert.deepEqual(read.problems, []);
  assert.equal(read.items.length, rules.maxExercises);
  const extra = `c=${"a".repeat(rules.custom.linkMaxLength)}`;
  assert.deepEqual(link.read(`x=clamshell&${extra}`, rules).problems, [{ kind: "too-long" }]);
});

test("a printed sheet's code is a reference, not a program", () => {
  assert.deepEqual(link.read("p=calm-symptoms.1a2b3c4d", rules), { reference: "calm-symptoms.1a2b3c4d" });
});
