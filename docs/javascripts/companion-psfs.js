// "My program": the Patient-Specific Functional Scale (Stratford 1995), kept on the phone. The
// patient names up to 3 everyday activities their hip makes hard and, once a week, rates each
// from 0 (cannot do it) to 10 (as well as before the problem). The scores are charted beside
// pain (companion.js) and printed in the summary for an appointment (companion-report.js).

(() => {
  "use strict";

  function listen(app) {
    app.find(".fai-companion__psfs-save").addEventListener("click", () => saveScores(app));
    app.find(".fai-companion__psfs-again").addEventListener("click", () => {
      app.psfsAgain = true;
      show(app);
      app.find(".fai-companion__psfs-name").focus();
    });
  }

  function show(app) {
    const section = app.find(".fai-companion__psfs");
    section.hidden = !app.current();
    if (section.hidden) return;
    const { activities, entries } = app.store.psfs;
    const last = entries.at(-1);
    const next = last ? planner().addDays(last.date, app.data.psfsEveryDays) : app.today();
    const due = next <= app.today();
    app.find(".fai-companion__psfs-due").textContent = !last
      ? "Name your activities and give your first scores."
      : `Your scores on ${app.shortDate(last.date)}: ${last.ratings.map(({ activity, score }) => `${activity} ${score}`).join(", ")}. ${due ? "It is time for this week's scores." : `Your next scores are due on ${app.longDate(next)}.`}`;
    const open = due || Boolean(app.psfsAgain);
    app.find(".fai-companion__psfs-form").hidden = !open;
    app.find(".fai-companion__psfs-again").hidden = open;
    app.root.querySelectorAll(".fai-companion__psfs-activity").forEach((row, index) => {
      const name = row.querySelector(".fai-companion__psfs-name");
      if (!name.value) name.value = activities[index] ?? "";
    });
  }

  // Each named activity needs its score; an activity left empty is dropped.
  function saveScores(app) {
    const rules = app.data.rules;
    const ratings = [];
    for (const row of app.root.querySelectorAll(".fai-companion__psfs-activity")) {
      const activity = schema().text(row.querySelector(".fai-companion__psfs-name").value, rules.psfsActivityMaxLength);
      const chosen = row.querySelector('input[type="radio"]:checked');
      if (!activity && !chosen) continue;
      if (!activity) return app.say("Give the activity a name first.");
      if (!chosen) return app.say(`Choose a score from 0 to ${rules.psfsMax} for “${activity}”.`);
      ratings.push({ activity, score: Number(chosen.value) });
    }
    if (!ratings.length) return app.say("Name at least one activity and give it a score.");
    app.store.psfs.activities = ratings.map((rating) => rating.activity);
    app.store.psfs.entries.push({ date: app.today(), at: new Date().toISOString(), ratings });
    for (const box of app.root.querySelectorAll('.fai-companion__psfs input[type="radio"]')) box.checked = false;
    app.psfsAgain = false;
    app.save();
    app.show();
    app.say(`This week's scores are saved: ${ratings.map(({ activity, score }) => `${activity} ${score}`).join(", ")}.`);
  }

  const schema = () => window.faiDataSchema;
  const planner = () => window.faiProgramPlan;

  window.faiCompanionParts = { ...window.faiCompanionParts, psfs: { listen, show } };
  window.dispatchEvent(new Event("fai-script"));
})();
