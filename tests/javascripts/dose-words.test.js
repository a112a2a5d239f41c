// docs/javascripts/dose-words.js: doses in the handouts' words (a browser test holds every catalogue dose to them).

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const words = require("../../docs/javascripts/dose-words.js");

test("amounts and frequencies read as fai_site/catalogue/dosage_text.py writes them", () => {
  assert.equal(words.amount({ sets: 3, reps: 12 }), "3 sets of 12");
  assert.equal(words.amount({ sets: 1, reps: 10, hold_seconds: 5 }), "1 set of 10, holding each for 5 seconds");
  assert.equal(words.amount({ sets: 2, hold_seconds: 1 }), "2 holds of 1 second");
  assert.equal(words.amount({ duration_minutes: 20 }), "20 minutes");
  assert.equal(words.frequency({ times_per_day: 1, days_per_week: 3 }), "once a day, 3 days a week");
  assert.equal(words.frequency({ times_per_day: 2, days_per_week: 7 }), "twice a day, every day");
  assert.equal(words.frequency({ times_per_day: 3, days_per_week: 1 }), "3 times a day, 1 day a week");
  assert.equal(words.capitalized("once a day, EVERY day"), "Once a day, every day");
});
