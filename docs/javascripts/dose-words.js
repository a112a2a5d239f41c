// Doses in words, as fai_site/catalogue/dosage_text.py says them, for the builder's sheet and
// "My program" alike (a browser test holds the two sides together). Pure: runs in the browser
// and under `node --test`.

((root, make) => {
  if (typeof module === "object" && module.exports) module.exports = make();
  else {
    root.faiDoseWords = make();
    root.dispatchEvent(new Event("fai-script"));
  }
})(globalThis, () => {
  "use strict";

  const TIMES = { 1: "once", 2: "twice" };

  function plural(count, noun) {
    return count === 1 ? `${count} ${noun}` : `${count} ${noun}s`;
  }

  // Walking and cycling are dosed in minutes; everything else in sets of reps or holds.
  function isTimed(dose) {
    return dose.duration_minutes != null && dose.reps == null && dose.hold_seconds == null;
  }

  // '3 sets of 12', '5 holds of 10 seconds', '20 minutes': the core of the dose.
  function amount(dose) {
    if (isTimed(dose)) return `${dose.duration_minutes} minutes`;
    const rounds = plural(dose.sets || 1, "set");
    if (dose.reps != null && dose.hold_seconds != null) return `${rounds} of ${dose.reps}, holding each for ${plural(dose.hold_seconds, "second")}`;
    if (dose.reps != null) return `${rounds} of ${dose.reps}`;
    return `${plural(dose.sets || 1, "hold")} of ${plural(dose.hold_seconds || 0, "second")}`;
  }

  // 'once a day, 5 days a week' or 'twice a day, every day'.
  function frequency(dose) {
    const perDay = `${TIMES[dose.times_per_day] ?? `${dose.times_per_day} times`} a day`;
    const perWeek = dose.days_per_week === 7 ? "every day" : `${plural(dose.days_per_week, "day")} a week`;
    return `${perDay}, ${perWeek}`;
  }

  // As Jinja's `capitalize`, which the handouts use.
  function capitalized(text) {
    return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  }

  return { amount, frequency, isTimed, plural, capitalized };
});
