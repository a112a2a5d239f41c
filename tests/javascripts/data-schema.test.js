// docs/javascripts/data-schema.js: what comes back from storage or a file is only what was declared.

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { check, text, isDay, own } = require("../../docs/javascripts/data-schema.js");

test("a date must be a real day of the calendar", () => {
  for (const day of ["2026-02-28", "2024-02-29", "2026-12-31", "2000-01-01"]) assert.equal(isDay(day), true, day);
  for (const day of ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "1999-12-31", "2026-02-28T00:00", 20260228, null]) {
    assert.equal(isDay(day), false, String(day));
  }
});

test("text loses control characters, is trimmed and capped without splitting a character", () => {
  assert.equal(text(" a\u0007b\u202ec\n ", 10), "a b c");
  assert.equal(text("x".repeat(500), 120).length, 120);
  assert.equal(text(`${"x".repeat(119)}😀`, 120), "x".repeat(119));
  assert.equal(text(42, 10), undefined);
});

test("only own keys are read: __proto__ and constructor are names like any other", () => {
  const parsed = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}');
  assert.equal(own(parsed, "__proto__").polluted, true);
  assert.equal(own({}, "constructor"), undefined);
  assert.equal(own({}, "toString"), undefined);
  const map = check(parsed, { map: { int: [0, 5] } });
  assert.equal(Object.getPrototypeOf(map), null);
  assert.deepEqual(Object.keys(map), ["constructor"]);
  assert.equal({}.polluted, undefined);
  assert.equal(check({}, { fields: { constructor: { int: [0, 1] } } }), undefined);
});

test("a map keeps only keys of its pattern, and at most its size", () => {
  const problems = [];
  const map = check({ a: 1, "__proto__x": 2, b: 3, c: 4 }, { map: { int: [0, 9] }, key: /^[a-z]$/, max: 2 }, problems);
  assert.deepEqual({ ...map }, { a: 1, b: 3 });
  assert.ok(problems.some((problem) => problem.includes("more than 2")));
});

test("a list leaves out entries that do not fit, keeps the rest, and refuses fewer than its minimum", () => {
  const problems = [];
  assert.deepEqual(check([1, "2", 3, 99], { list: { int: [0, 10] }, max: 10 }, problems), [1, 3]);
  assert.equal(problems.length, 4);
  assert.equal(check(["x"], { list: { int: [0, 10] }, min: 1 }), undefined);
  assert.deepEqual(check(new Array(50).fill(1), { list: { int: [0, 10] }, max: 3 }), [1, 1, 1]);
});

test("a field that does not fit takes its default, or makes its object unreadable", () => {
  const shape = { fields: { name: { text: 5 }, count: { int: [0, 3], default: 0 }, when: { day: true, nullable: true, default: null } } };
  const problems = [];
  assert.deepEqual(check({ name: "ok", count: 100000000, when: "2026-02-30", extra: "<img>" }, shape, problems), { name: "ok", count: 0, when: null });
  assert.equal(problems.length, 2);
  assert.equal(check({ count: 1 }, shape), undefined);
  assert.equal(check([], shape), undefined);
  assert.equal(check(null, shape), undefined);
});

test("numbers must be whole and within their limits", () => {
  for (const bad of [100000000, -1, 1.5, "3", NaN, Infinity, true]) assert.equal(check(bad, { int: [0, 10] }), undefined, String(bad));
  assert.equal(check(10, { int: [0, 10] }), 10);
});
