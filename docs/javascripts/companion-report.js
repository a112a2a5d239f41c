// "My program": the summary a patient brings to an appointment, printed or saved as a PDF from
// the phone. It holds the program and how often it is done, each week's planned and done days,
// sessions, pain after them and the next morning, the weekly activity scores from first to
// latest, and the patient's notes. Made on the phone, from what is kept there; nothing is sent.

(() => {
  "use strict";

  const WEEKS = 8;
  const NOTES = 5;

  function print(app) {
    const current = app.current();
    if (!current) return;
    window.addEventListener("afterprint", () => close(app), { once: true });
    app.find(".fai-companion__report-body").replaceChildren(...report(app, current));
    app.find(".fai-companion__report").hidden = false;
    app.root.classList.add("fai-companion--report");
    window.print();
  }

  function close(app) {
    app.find(".fai-companion__report").hidden = true;
    app.root.classList.remove("fai-companion--report");
  }

  function report(app, current) {
    const plan = app.plan;
    const intro = [
      `${current.title}: started ${app.longDate(current.opened)}.`,
      app.find(".fai-companion__often").textContent,
      current.goal ? `Goal: ${current.goal}` : "",
      current.review ? `Review planned for ${app.longDate(current.review)}.` : "",
    ];
    const parts = [...intro.filter(Boolean).map((line) => paragraph(line)), table(app, current, plan), ...activities(app)];
    const notes = current.sessions.filter((session) => session.note).slice(-NOTES);
    if (notes.length) parts.push(paragraph("Notes:"), list(app, notes.map((session) => `${app.shortDate(session.date)}: ${session.note}`)));
    parts.push(paragraph(`Printed from My program on ${app.longDate(app.today())}. Pain: 0 is none and 10 the worst. Activity scores: 0 is cannot do it and 10 is as well as before the hip problem.`));
    return parts;
  }

  // Week by week, from the week the program was opened (at most the last 8).
  function table(app, current, plan) {
    const monday = (day) => planner().addDays(day, -planner().weekday(day));
    const first = monday(current.opened);
    const thisWeek = monday(app.today());
    const count = Math.min(WEEKS, planner().daysBetween(first, thisWeek) / 7 + 1);
    const head = ["Week of", "Planned days", "Days done", "Sessions", "Pain after", "Next morning", "Activities"];
    const rows = Array.from({ length: count }, (_, index) => {
      const from = planner().addDays(thisWeek, (index - count + 1) * 7);
      const week = planner().week(plan.items, plan.days, current.sessions, from);
      const sessions = current.sessions.filter((session) => session.date >= from && session.date < planner().addDays(from, 7));
      const scores = app.store.psfs.entries.filter((entry) => entry.date >= from && entry.date < planner().addDays(from, 7)).flatMap((entry) => entry.ratings.map((rating) => rating.score));
      return [
        app.shortDate(from),
        String(week.filter((day) => day.planned).length),
        String(week.filter((day) => day.planned && day.sessions).length),
        String(sessions.length),
        average(sessions.map((session) => session.pain)),
        average(sessions.filter((session) => session.morning !== null).map((session) => session.morning)),
        average(scores),
      ];
    });
    const element = document.createElement("table");
    element.className = "fai-companion__report-table";
    const caption = element.createCaption();
    caption.textContent = "Week by week (averages of the week's scores)";
    element.createTHead().append(line(head, "th"));
    element.createTBody().append(...rows.map((row) => line(row, "td")));
    return element;
  }

  // Each activity's first and latest score.
  function activities(app) {
    const entries = app.store.psfs.entries;
    if (!entries.length) return [];
    const names = [...new Set(entries.flatMap((entry) => entry.ratings.map((rating) => rating.activity)))];
    const lines = names.map((name) => {
      const scored = entries.filter((entry) => entry.ratings.some((rating) => rating.activity === name));
      const score = (entry) => `${entry.ratings.find((rating) => rating.activity === name).score} on ${app.shortDate(entry.date)}`;
      return scored.length > 1 ? `${name}: ${score(scored[0])}, now ${score(scored.at(-1))}.` : `${name}: ${score(scored[0])}.`;
    });
    return [paragraph("Your activities (0 to 10):"), list(app, lines)];
  }

  function average(values) {
    return values.length ? (values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(1) : "–";
  }

  function line(cells, tag) {
    const row = document.createElement("tr");
    row.append(...cells.map((text) => {
      const cell = document.createElement(tag);
      if (tag === "th") cell.scope = "col";
      cell.textContent = text;
      return cell;
    }));
    return row;
  }

  function paragraph(text) {
    const element = document.createElement("p");
    element.textContent = text;
    return element;
  }

  function list(app, lines) {
    const element = document.createElement("ul");
    element.append(...lines.map((text) => app.listItem(text)));
    return element;
  }

  const planner = () => window.faiProgramPlan;

  window.faiCompanionParts = { ...window.faiCompanionParts, report: { print } };
  window.dispatchEvent(new Event("fai-script"));
})();
