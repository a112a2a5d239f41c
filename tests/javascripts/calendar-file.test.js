// docs/javascripts/calendar-file.js: an iCalendar file as RFC 5545 writes one (tests/pages reads it with a real parser).

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { calendar } = require("../../docs/javascripts/calendar-file.js");

const EVENT = {
  title: "Hip exercises: Build strength",
  description: "Your program; today's exercises, in My program.\nNothing is sent.",
  reminder: "Time for your hip exercises",
  days: [3, 1, 5],
  start: "2026-12-08",
  time: "18:30",
  minutes: 30,
  until: "",
  uid: "pabc@my-program",
  stamp: new Date(Date.UTC(2026, 11, 7, 9, 5, 3)),
};

test("one weekly event on the program's days, from the first of them, at the patient's time", () => {
  const text = calendar(EVENT);
  assert.match(text, /\r\nDTSTART:20261208T183000\r\n/);
  assert.match(text, /\r\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA\r\n/);
  assert.match(text, /\r\nDTSTAMP:20261207T090503Z\r\n/);
  assert.match(text, /\r\nDURATION:PT30M\r\n/);
  assert.ok(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.endsWith("END:VCALENDAR\r\n"));
  assert.match(calendar({ ...EVENT, until: "2027-01-15" }), /RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA;UNTIL=20270115T235959\r\n/);
});

test("text is escaped, and long lines folded within 75 octets without splitting a character", () => {
  const text = calendar({ ...EVENT, title: `Hüft-Übungen; ${"ü".repeat(60)}, jeden Tag` });
  assert.match(text, /SUMMARY:Hüft-Übungen\\; ü/);
  for (const line of text.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 75, line);
  assert.ok(!text.includes("\uFFFD"));
  const unfolded = text.replace(/\r\n /g, "");
  assert.match(unfolded, /SUMMARY:Hüft-Übungen\\; ü{60}\\, jeden Tag\r\n/);
  assert.match(unfolded, /DESCRIPTION:Your program\\; today's exercises\\, in My program\.\\nNothing is sent\./);
});
