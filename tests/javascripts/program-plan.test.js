// docs/javascripts/program-plan.js: which days a program is done on, and what "Today" suggests.

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const plan = require("../../docs/javascripts/program-plan.js");

// 2026-12-07 is a Monday.
const MONDAY = "2026-12-07";
const item = (id, days) => ({ id, dose: { days_per_week: days, times_per_day: 1 } });
const session = (date, pain, morning = null) => ({ date, pain, morning });
const rule = { okPain: 4, timesPerDay: 1 };

test("weekdays count from Monday, and days add across months and years", () => {
  assert.equal(plan.weekday(MONDAY), 0);
  assert.equal(plan.weekday("2026-12-13"), 6);
  assert.equal(plan.addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(plan.addDays("2027-03-28", 1), "2027-03-29", "a clock change is not a day");
  assert.equal(plan.daysBetween("2026-12-30", "2027-01-02"), 3);
});

test("3 days a week opened on a Tuesday: Tuesday, Thursday, Saturday, a rest day between", () => {
  const items = [item("a", 3)];
  const days = plan.planDays(items, [], "2026-12-08");
  assert.deepEqual(days, [1, 3, 5]);
  const week = plan.week(items, days, [], MONDAY).map((day) => day.planned);
  assert.deepEqual(week, [false, true, false, true, false, true, false]);
  assert.deepEqual(plan.due(items, days, "2026-12-09"), [], "day 2 is a rest day");
});

test("every spread leaves the days as even as a week allows", () => {
  for (let count = 1; count <= 7; count += 1) {
    for (let anchor = 0; anchor < 7; anchor += 1) {
      const days = plan.spread(count, anchor);
      assert.equal(new Set(days).size, count);
      assert.equal(days[0], anchor, "the first day is the day it was opened");
    }
  }
  assert.deepEqual(plan.spread(2, 0), [0, 3]);
});

test("the days a patient chose are kept, if they are as many as the program's", () => {
  const items = [item("a", 3)];
  assert.deepEqual(plan.planDays(items, [0, 2, 4], "2026-12-08"), [2, 4, 0]);
  assert.deepEqual(plan.planDays(items, [0, 2], "2026-12-08"), [1, 3, 5], "too few: the spread");
  assert.deepEqual(plan.planDays(items, [0, 0, 2], "2026-12-08"), [1, 3, 5], "twice the same day: the spread");
  assert.deepEqual(plan.planDays(items, [0, 2, 9], "2026-12-08"), [1, 3, 5], "no such weekday: the spread");
});

test("an exercise done on fewer days takes as many of the program's, spread the same way", () => {
  const items = [item("stretch", 7), item("strength", 3)];
  const days = plan.planDays(items, [], "2026-12-08");
  assert.equal(days.length, 7);
  assert.deepEqual(plan.itemDays(items[1], days), [1, 3, 5]);
  assert.deepEqual(plan.due(items, days, "2026-12-09"), ["stretch"]);
  assert.deepEqual(plan.due(items, days, "2026-12-10"), ["stretch", "strength"]);
});

test("the next planned day from a day", () => {
  assert.equal(plan.nextDay([1, 3, 5], MONDAY), "2026-12-08");
  assert.equal(plan.nextDay([0], "2026-12-08"), "2026-12-14");
});

test("the pain rule's answer: stop, done, check in, rest a day, ease back", () => {
  const at = (today, sessions, timesPerDay = 1) => plan.advice(sessions, { ...rule, today, timesPerDay });
  assert.equal(at(MONDAY, []), null);
  assert.equal(at(MONDAY, [session(MONDAY, 6)]), "stop");
  assert.equal(at(MONDAY, [session(MONDAY, 3)]), "done");
  assert.equal(at(MONDAY, [session(MONDAY, 3)], 2), null, "twice a day: one more to do");
  assert.equal(at("2026-12-08", [session(MONDAY, 3)]), "check-in");
  assert.equal(at("2026-12-08", [session(MONDAY, 3, 2)]), null, "settled");
  assert.equal(at("2026-12-08", [session(MONDAY, 3, 4)]), "ease", "built up overnight, within 4");
  assert.equal(at("2026-12-08", [session(MONDAY, 5, 6)]), "rest", "still above 4 the next morning: rest a day");
  assert.equal(at("2026-12-09", [session(MONDAY, 5, 6)]), "ease", "after the rest day: do less");
});
