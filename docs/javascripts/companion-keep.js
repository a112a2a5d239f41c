// "My program": keeping the patient's data. Once a program is kept, the page asks the browser to
// keep its storage even when the phone runs low on space (`navigator.storage.persist()`) and says
// what it answered; and once a week of entries has gone without a backup, it suggests saving a
// file, which is what brings everything back on a new or reset phone.

(() => {
  "use strict";

  function listen(app) {
    app.find(".fai-companion__nudge-save").addEventListener("click", () => app.exportFile());
  }

  function show(app) {
    const kept = Object.keys(app.store.programs).length > 0;
    if (kept && !app.persistAsked && !app.readOnly) ask(app);
    app.find(".fai-companion__nudge").hidden = !nudge(app);
  }

  async function ask(app) {
    app.persistAsked = true;
    const storage = navigator.storage;
    if (!storage?.persist) return;
    let kept;
    try {
      kept = (await storage.persisted?.()) || (await storage.persist());
    } catch {
      kept = false;
    }
    const line = app.find(".fai-companion__kept");
    line.textContent = kept
      ? "This phone has agreed to keep your data until you delete it. A file is still the way to move it to a new phone."
      : "This browser may clear your data if the phone runs low on space. Save your data as a file now and then.";
    line.hidden = false;
  }

  // Entered on days since the last file, the first of them at least a week ago.
  function nudge(app) {
    const since = app.store.backedUp;
    const days = [
      ...Object.values(app.store.programs).flatMap((program) => program.sessions.map((session) => session.date)),
      ...app.store.psfs.entries.map((entry) => entry.date),
    ].filter((day) => day > since);
    if (!days.length) return false;
    const first = days.reduce((earliest, day) => (day < earliest ? day : earliest));
    return planner().daysBetween(first, app.today()) >= app.data.backupAfterDays;
  }

  const planner = () => window.faiProgramPlan;

  window.faiCompanionParts = { ...window.faiCompanionParts, keep: { listen, show } };
  window.dispatchEvent(new Event("fai-script"));
})();
