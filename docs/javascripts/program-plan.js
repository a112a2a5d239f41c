// Which days a program is done on, and what "Today" suggests: for "My program". Pure: runs in
// the browser and under `node --test`. Days are the phone's calendar days, "YYYY-MM-DD";
// weekdays are numbers, 0 for Monday to 6 for Sunday.
//
// A program of n days a week is done on n days of the week: by default spread from the day
// it was opened (3 days: that day, 2 days later and 4 days later, so a rest day falls between),
// or the days the patient chose. An exercise done on fewer days than the program takes as many
// of those days, spread the same way; a day with nothing due is a rest day.

((root, make) => {
  if (typeof module === "object" && module.exports) module.exports = make();
  else {
    root.faiProgramPlan = make();
    root.dispatchEvent(new Event("fai-script"));
  }
})(globalThis, () => {
  "use strict";

  const DAY_MS = 24 * 60 * 60 * 1000;

  const utc = (day) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  const weekday = (day) => (new Date(utc(day)).getUTCDay() + 6) % 7;
  const addDays = (day, count) => new Date(utc(day) + count * DAY_MS).toISOString().slice(0, 10);
  const daysBetween = (from, to) => Math.round((utc(to) - utc(from)) / DAY_MS);

  // The most days a week any of the program's exercises is done: the program's own days.
  function perWeek(items) {
    return Math.max(1, ...items.map((item) => item.dose.days_per_week));
  }

  // `count` of the week's days, spread evenly from `anchor`.
  function spread(count, anchor) {
    return Array.from({ length: count }, (_, index) => (anchor + Math.floor((index * 7) / count)) % 7);
  }

  // The program's weekdays, in order from the weekday it was opened: the chosen ones if they are
  // as many as the program's days a week, else the spread.
  function planDays(items, chosen, opened) {
    const count = perWeek(items);
    const anchor = weekday(opened);
    const valid = Array.isArray(chosen) && chosen.length === count && new Set(chosen).size === count && chosen.every((day) => Number.isInteger(day) && day >= 0 && day < 7);
    const days = valid ? [...chosen] : spread(count, anchor);
    return days.sort((a, b) => ((a - anchor + 7) % 7) - ((b - anchor + 7) % 7));
  }

  // An exercise's weekdays: all the program's, or as many as it needs, spread over them.
  function itemDays(item, days) {
    const count = Math.min(item.dose.days_per_week, days.length);
    return Array.from({ length: count }, (_, index) => days[Math.floor((index * days.length) / count)]);
  }

  // The ids due on `day`.
  function due(items, days, day) {
    return items.filter((item) => itemDays(item, days).includes(weekday(day))).map((item) => item.id);
  }

  // The week from `monday`: each day, whether anything is planned and how many sessions were saved.
  function week(items, days, sessions, monday) {
    return Array.from({ length: 7 }, (_, offset) => {
      const date = addDays(monday, offset);
      return { date, planned: due(items, days, date).length > 0, sessions: sessions.filter((session) => session.date === date).length };
    });
  }

  // The first day from `from` (inclusive) that is one of `days`.
  function nextDay(days, from) {
    let day = from;
    while (!days.includes(weekday(day))) day = addDays(day, 1);
    return day;
  }

  // What the site's pain rule says about today, from the sessions kept: "stop" (today's pain was
  // over the rule's limit), "done" (today's sessions are done), "check-in" (how the hip settled
  // after the last session is not told yet), "rest" (it had not settled by the next morning: rest
  // a day), "ease" (it had built up, or a rest day is over: do less), or null.
  function advice(sessions, { today, okPain, timesPerDay }) {
    const todays = sessions.filter((session) => session.date === today);
    if (todays.some((session) => session.pain > okPain)) return "stop";
    if (todays.length >= timesPerDay) return "done";
    const last = sessions.filter((session) => session.date < today).at(-1);
    if (!last || todays.length) return null;
    if (last.morning === null) return "check-in";
    if (last.morning > okPain) return daysBetween(last.date, today) === 1 ? "rest" : "ease";
    return last.morning > last.pain ? "ease" : null;
  }

  return { weekday, addDays, daysBetween, perWeek, spread, planDays, itemDays, due, week, nextDay, advice };
});
