// "My program": the plan for today and the week. How often the program is done, whether today
// is an exercise day or a rest day (and why), what the site's pain rule says after the last
// session, what is done today, saved or not; and the patient's exercise days, with "Add to my
// calendar" (an .ics file made on the phone). The days and the pain rule's answers come from
// program-plan.js, the words from the page's data (fai_site/pages/companion.py).

(() => {
  "use strict";

  const SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const RESTING = new Set(["rest", "pain-rest"]);

  // What today holds: the exercises with their doses, the weekdays, the ones due today, the pain rule's answer.
  function plan(app, current) {
    const items = app.available(current).map((item) => ({ id: item.id, dose: item.dose ?? app.exerciseOf(item).dose }));
    const days = planner().planDays(items, current.days, current.opened);
    const date = app.today();
    const due = new Set(planner().due(items, days, date));
    const timesPerDay = Math.max(1, ...items.map((item) => item.dose.times_per_day));
    const advice = planner().advice(current.sessions, { today: date, okPain: app.data.okPain, timesPerDay });
    return { items, days, due, rest: !due.size, advice, timesPerDay, kind: kind(advice, !due.size) };
  }

  // The line "Today" shows: a stop or a finished day first, then a rest day (the pain rule's, then the plan's).
  function kind(advice, rest) {
    if (advice === "stop" || advice === "done") return advice;
    if (advice === "rest") return "pain-rest";
    if (rest) return "rest";
    return advice ?? "session";
  }

  function listen(app) {
    app.find(".fai-companion__anyway").addEventListener("click", () => {
      app.anyway = `${app.store.current} ${app.today()}`;
      app.show();
      app.find(".fai-companion__exercises .fai-companion__name")?.focus();
    });
    app.find(".fai-companion__days-save").addEventListener("click", () => saveDays(app));
    app.find(".fai-companion__calendar").addEventListener("click", () => addToCalendar(app));
  }

  function show(app) {
    const current = app.current();
    app.find(".fai-companion__days").hidden = !current;
    if (!current) return;
    const today = app.plan;
    const resting = RESTING.has(today.kind);
    const started = Boolean(Object.keys(current.day.done).length || Object.keys(current.day.sets).length || current.sessions.some((session) => session.date === app.today()));
    const open = !resting || Boolean(app.anyway) || started;
    app.find(".fai-companion__often").textContent = often(today);
    const texts = app.data.today;
    const why = today.kind === "rest" ? ` ${current.often || app.data.restReason}` : "";
    app.find(".fai-companion__advice").textContent = texts[today.kind] + why + (resting ? ` ${texts.anyway}` : "");
    app.find(".fai-companion__advice").classList.toggle("fai-companion__advice--warn", ["stop", "pain-rest", "ease"].includes(today.kind));
    app.find(".fai-companion__anyway").hidden = open;
    app.find(".fai-companion__session").hidden = !open;
    app.find(".fai-companion__after").hidden = !open;
    app.find(".fai-companion__progress").textContent = progress(app, current, today);
    showDays(app, current, today);
  }

  // "How often: once a day, 3 days a week. Your exercise days: Tue, Thu and Sat."
  function often(today) {
    const each = new Set(today.items.map((item) => words().frequency(item.dose)));
    const how = each.size === 1 ? `How often: ${[...each][0]}.` : "How often: each exercise says.";
    return today.days.length === 7 ? how : `${how} Your exercise days: ${named(today.days)}.`;
  }

  function named(days) {
    const names = [...days].sort().map((day) => SHORT[day]);
    return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
  }

  // Today's count, saved sessions and what is not saved yet alike.
  function progress(app, current, today) {
    const planned = today.rest ? today.items : today.items.filter((item) => today.due.has(item.id));
    const done = app.doneToday(current);
    const count = planned.filter((item) => done.has(item.id)).length;
    const sessions = current.sessions.filter((session) => session.date === app.today()).length;
    if (today.rest && !sessions && !done.size) return "Nothing is planned today.";
    const saved = today.rest && !sessions ? "" : ` Sessions saved today: ${sessions} of ${today.timesPerDay}.`;
    return `Done today: ${count} of ${planned.length} exercises.${saved}`;
  }

  // ---- The exercise days and the calendar

  function showDays(app, current, today) {
    const count = today.days.length;
    app.find(".fai-companion__weekdays-legend").textContent = count === 7 ? "Your program is every day." : `Choose your ${count} exercise ${count === 1 ? "day" : "days"} a week`;
    for (const box of app.root.querySelectorAll('input[name="fai-companion-weekday"]')) {
      box.checked = today.days.includes(Number(box.value));
      box.disabled = count === 7;
    }
    app.find(".fai-companion__remind").value = current.remind || app.data.calendar.time;
  }

  function chosenDays(app) {
    return [...app.root.querySelectorAll('input[name="fai-companion-weekday"]:checked')].map((box) => Number(box.value));
  }

  function saveDays(app) {
    const current = app.current();
    const count = app.plan.days.length;
    const days = chosenDays(app);
    if (days.length !== count) return app.say(`Choose ${count} ${count === 1 ? "day" : "days"}: your program is ${count} ${count === 1 ? "day" : "days"} a week. Nothing was changed.`);
    const time = app.find(".fai-companion__remind").value;
    current.days = count === 7 ? [] : days;
    current.remind = /^\d\d:\d\d$/.test(time) ? time : "";
    app.save();
    app.show();
    app.say(`Your exercise days are saved: ${named(app.plan.days)}.`);
  }

  // One event each week on the program's days, from the next of them, until the review date if there is one. The
  // file's writer is loaded when it is first wanted.
  async function addToCalendar(app) {
    try {
      await app.demand("calendar-file.js");
    } catch {
      return app.say("The calendar file could not be made: this page needs to be online once more.");
    }
    const current = app.current();
    const days = app.plan.days;
    const time = /^\d\d:\d\d$/.test(app.find(".fai-companion__remind").value) ? app.find(".fai-companion__remind").value : current.remind || app.data.calendar.time;
    const text = calendar().calendar({
      title: `Hip exercises: ${current.title}`,
      description: `Your home exercise program. ${often(app.plan)} Open My program on your phone for today's exercises.`,
      reminder: app.data.calendar.reminder,
      days,
      start: planner().nextDay(days, app.today()),
      time,
      minutes: app.data.calendar.minutes,
      until: current.review && current.review >= app.today() ? current.review : "",
      uid: `${app.store.current}-${[...days].sort().join("")}@my-program`,
      stamp: new Date(),
    });
    app.download(text, "my-hip-exercises.ics", "text/calendar");
    app.say(`The calendar file was saved: ${named(days)} at ${time}. Open it to add these days to your calendar.`);
  }

  const planner = () => window.faiProgramPlan;
  const words = () => window.faiDoseWords;
  const calendar = () => window.faiCalendarFile;

  window.faiCompanionParts = { ...window.faiCompanionParts, today: { plan, listen, show } };
  window.dispatchEvent(new Event("fai-script"));
})();
