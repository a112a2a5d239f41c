// "My program" (program/): a patient's own exercise companion. A program opens from a link
// (read by program-link.js); it is then kept in this browser's localStorage with everything
// the patient enters (its shape and checks: companion-store.js), and the fragment is taken
// off the address. Nothing entered ever goes into an address or a request. The catalogue
// comes from the page's JSON data block; the parts of the page come from its HTML and its
// <template>s, filled here with text only. This file keeps the data and draws the program,
// its cards, the session and the history; the page's other parts are files of their own
// (companion-today.js, -psfs.js, -keep.js, and -report.js when it is wanted), each registered in
// `faiCompanionParts`.

(() => {
  "use strict";

  // Instant navigation runs this file again on every visit; the first run's subscription serves them all.
  if (window.faiCompanion) return;

  const STORE_KEY = "fai-companion";
  // What the last import replaced, so the patient can go back to it.
  const BACKUP_KEY = "fai-companion-backup";
  // Kept data this page could not read in full, set aside before anything is written over it.
  const UNREADABLE_KEY = "fai-companion-unreadable";
  const SVG = "http://www.w3.org/2000/svg";
  const WEEKS_SHOWN = 8;
  // The page's other parts, each in a file of its own that registers itself before this one runs; the summary
  // for an appointment is loaded when it is first printed.
  const PARTS = ["today", "psfs", "keep"];
  const DAY_MS = 24 * 60 * 60 * 1000;
  // The page as last started: instant navigation may bring it back, and its old timers must not write old data.
  let running = null;

  // ---- Start

  function start(root) {
    root.dataset.started = "true";
    const data = JSON.parse(document.getElementById("fai-companion-data").textContent);
    const app = {
      root,
      data,
      exercises: new Map(data.exercises.map((exercise) => [exercise.id, exercise])),
      timers: [],
      find: (selector) => root.querySelector(selector),
    };
    // What the parts use.
    Object.assign(app, {
      save: () => save(app),
      say: (message) => say(app, message),
      show: () => show(app),
      current: () => program(app),
      exerciseOf: (item) => exerciseOf(app, item),
      available: (current) => available(app, current),
      doneToday: (current) => doneToday(current),
      exportFile: () => exportFile(app),
      demand: (file) => window.faiOnDemand(root.dataset.scripts + file),
      download,
      today,
      shortDate,
      longDate,
      listItem,
    });
    if (running) stopTimers(running);
    running = app;
    readStore(app);
    listen(app);
    for (const name of PARTS) parts()[name].listen?.(app);
    openFromAddress(app);
    show(app);
    registerWorker(root);
  }

  function listen(app) {
    const on = (selector, type, action) => app.find(selector).addEventListener(type, action);
    on(".fai-companion__program-list", "change", (event) => {
      app.store.current = event.target.value;
      save(app);
      show(app);
    });
    on(".fai-companion__tone", "change", (event) => {
      app.store.tone = event.target.checked;
      save(app);
    });
    on(".fai-companion__save", "click", () => saveSession(app));
    on(".fai-companion__save-settle", "click", () => saveSettled(app));
    on(".fai-companion__print", "click", () => printReport(app));
    on(".fai-companion__export", "click", () => exportFile(app));
    on(".fai-companion__import", "change", (event) => chooseFile(app, event.target));
    on(".fai-companion__preview-add", "click", () => addFile(app));
    on(".fai-companion__preview-cancel", "click", () => closePreview(app, "Nothing was changed."));
    on(".fai-companion__restore", "click", () => restoreBackup(app));
    on(".fai-companion__problem-save", "click", () => saveUnreadable(app));
    on(".fai-companion__problem-forget", "click", () => forgetUnreadable(app));
    on(".fai-companion__delete-ask", "click", () => askDelete(app, true));
    on(".fai-companion__delete-no", "click", () => askDelete(app, false));
    on(".fai-companion__delete-yes", "click", () => deleteEverything(app));
  }

  // ---- Storage: localStorage only

  // Stored data that is not this page's, or damaged, is set aside whole before anything is
  // written, and the page starts from what could be read. Data from a newer version of the
  // page is never written over: the page then keeps nothing until it is reloaded.
  function readStore(app) {
    const raw = stored(STORE_KEY);
    const read = store().fromStorage(raw, app.data.rules, today());
    app.store = read.store;
    app.readOnly = read.status === "newer";
    app.unreadable = read.status === "ok" || read.status === "none" ? stored(UNREADABLE_KEY) : raw;
    if (read.status === "unreadable" || read.status === "repaired") {
      const aside = stored(UNREADABLE_KEY);
      app.readOnly = (aside !== null && aside !== raw) || !keep(UNREADABLE_KEY, raw);
    }
    app.newer = read.status === "newer";
  }

  function stored(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  function keep(key, value) {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  }

  function save(app) {
    if (app.readOnly) return say(app, "Not saved: this phone holds data this page cannot read, and it is kept as it was.");
    if (!keep(STORE_KEY, store().toText(app.store))) say(app, "This phone could not save your data. Its storage may be full or turned off.");
  }

  function program(app) {
    return own(app.store.programs, app.store.current ?? "") ?? null;
  }

  function showProblem(app) {
    const box = app.find(".fai-companion__problem");
    box.hidden = app.unreadable === null;
    if (box.hidden) return;
    box.querySelector(".fai-companion__problem-text").textContent = app.newer
      ? "The data on this phone was saved by a newer version of this page. It is kept as it was, and nothing you do here is saved until you reload this page while online."
      : app.readOnly
        ? "Some data on this phone could not be read. It is kept as it was, and nothing you do here is saved. Save it as a file and show it to your therapist."
        : "Some data on this phone could not be read. What could be read is below; the rest is kept aside. Save it as a file and show it to your therapist.";
  }

  // The data as it was kept, as a file: nothing of it is lost, whatever it holds.
  function saveUnreadable(app) {
    download(app.unreadable, `my-hip-program-unread-${today()}.json`);
    app.find(".fai-companion__problem-forget").hidden = app.readOnly;
    say(app, "The data this page could not read was saved as a file.");
  }

  function forgetUnreadable(app) {
    localStorage.removeItem(UNREADABLE_KEY);
    app.unreadable = null;
    showProblem(app);
    say(app, "The data this page could not read was removed from this phone.");
  }

  // ---- Opening a program from a link

  // Each new link is a program of its own, so a new program never overwrites an old history.
  // A printed sheet's code names its program by reference: the link is in the page's data.
  function openFromAddress(app) {
    let read = link().read(location.hash.slice(1), app.data.rules);
    if (!read) return;
    history.replaceState(history.state, "", location.pathname + location.search);
    if (read.reference !== undefined) {
      const fragment = own(app.data.programs, read.reference);
      if (fragment === undefined) return say(app, olderSheet(app, read.reference));
      read = link().read(fragment, app.data.rules);
    }
    if (read.problems.some((problem) => problem.kind === "too-long")) return say(app, "This link is too long to be a program from this site, so nothing was opened.");
    const unread = read.problems.filter((problem) => problem.kind === "dose" && known(app, problem.id)).map((problem) => known(app, problem.id).name);
    const lost = read.problems.filter((problem) => problem.kind === "custom" || (problem.kind === "dose" && link().isCustomId(problem.id, app.data.rules)));
    const items = read.items.map((item) => ({ id: item.id, dose: item.dose ?? known(app, item.id)?.dose ?? null, note: item.note, name: known(app, item.id)?.name ?? "", custom: item.custom ?? null }));
    if (!items.some((item) => exerciseOf(app, item))) return say(app, "This link holds no exercise this page knows.");
    const key = store().keyFor(read.title, items);
    const tooMany = read.problems.find((problem) => problem.kind === "too-many");
    const notes = [
      unread.length ? `The dose for ${unread.join(", ")} could not be read, so it has its usual dose.` : "",
      lost.length ? `${lost.length === 1 ? "One of your clinic's own exercises" : `${lost.length} of your clinic's own exercises`} could not be read, so it was left out: ask your therapist.` : "",
      tooMany ? `The link named ${tooMany.count} exercises; a program holds ${app.data.rules.maxExercises}, so only the first ${app.data.rules.maxExercises} were kept.` : "",
    ];
    if (!own(app.store.programs, key)) {
      const { title, notes: programNotes, goal, phase, often, move, review } = read;
      app.store.programs[key] = { title, notes: programNotes, goal, phase, often, move, review, items, opened: today(), sessions: [], day: null, days: [], remind: "" };
      say(app, [`“${read.title}” is now kept on this phone.`, ...notes].filter(Boolean).join(" "));
    } else {
      say(app, `“${read.title}” was already kept on this phone.`);
    }
    app.store.current = key;
    save(app);
  }

  // A code whose program changed since the sheet was printed opens nothing: what it printed is no longer the site's.
  function olderSheet(app, reference) {
    const id = reference.split(".")[0];
    return Object.keys(app.data.programs).some((kept) => kept.split(".")[0] === id)
      ? "This sheet was printed before its program changed, so nothing was opened. Ask your therapist for the new sheet, or open the program from the site's handouts."
      : "This code names no program of this site, so nothing was opened.";
  }

  function known(app, id) {
    return app.exercises.get(id);
  }

  // The exercise an item names: the site's, or the clinic's own that it carries; undefined if the site has it no longer.
  function exerciseOf(app, item) {
    if (!item.custom) return known(app, item.id);
    const words = item.custom.base ? own(app.data.bases, item.custom.base) : undefined;
    return {
      id: item.id,
      name: item.custom.name,
      picture: words ? `${app.data.basePictures}${item.custom.base}.svg` : null,
      alt: words ? `Start position: ${words.toLowerCase()}.` : "",
      steps: item.custom.steps,
      precautions: item.custom.care,
      addLoad: null,
      dose: item.dose,
      clinics: true,
    };
  }

  // ---- Showing everything

  function show(app) {
    stopTimers(app);
    const current = program(app);
    app.find(".fai-companion__empty").hidden = Boolean(current);
    for (const part of [".fai-companion__today", ".fai-companion__after", ".fai-companion__history"]) app.find(part).hidden = !current;
    app.find(".fai-companion__tone").checked = Boolean(app.store.tone);
    app.find(".fai-companion__export").hidden = !Object.keys(app.store.programs).length;
    app.find(".fai-companion__restore").hidden = app.readOnly || stored(BACKUP_KEY) === null;
    showProblem(app);
    showProgramList(app);
    if (!current) {
      app.find(".fai-companion__settle").hidden = true;
      app.plan = null;
    } else {
      if (current.day?.date !== today()) current.day = newDay();
      if (app.anyway !== `${app.store.current} ${today()}`) app.anyway = null;
      app.plan = parts().today.plan(app, current);
      app.find(".fai-companion__program-title").textContent = current.title;
      for (const [name, text] of [["notes", current.notes], ["goal", current.goal && `Your goal: ${current.goal}`], ["review", review(current.review)]]) {
        const line = app.find(`.fai-companion__${name}`);
        line.textContent = text;
        line.hidden = !text;
      }
      app.find(".fai-companion__exercises").replaceChildren(...current.items.map((item, index) => exerciseCard(app, current, item, index)));
      showSettle(app);
      showHistory(app);
    }
    for (const name of PARTS) parts()[name].show?.(app);
  }

  // The day the therapist means to look at the program again; once it has passed, a word to ask.
  function review(day) {
    if (!day) return "";
    return day < today() ? `Your therapist planned to review this program on ${longDate(day)}. Ask them what comes next.` : `Your therapist plans to review this program on ${longDate(day)}.`;
  }

  function newDay() {
    return { date: today(), done: schema().emptyMap(), sets: schema().emptyMap() };
  }

  function showProgramList(app) {
    const keys = Object.keys(app.store.programs);
    app.find(".fai-companion__choose").hidden = keys.length < 2;
    app.find(".fai-companion__program-list").replaceChildren(...keys.map((key) => {
      const kept = app.store.programs[key];
      const option = new Option(`${kept.title} (from ${shortDate(kept.opened)})`, key);
      option.selected = key === app.store.current;
      return option;
    }));
  }

  function exerciseCard(app, current, item, index) {
    const exercise = exerciseOf(app, item);
    const card = fromTemplate(exercise ? "fai-companion-exercise" : "fai-companion-missing");
    const part = (selector) => card.querySelector(selector);
    const headingId = `fai-companion-ex-${index}`;
    part(".fai-companion__name").textContent = `${index + 1}. ${exercise?.name ?? (item.name || item.id)}`;
    part(".fai-companion__name").id = headingId;
    card.setAttribute("aria-labelledby", headingId);
    if (!exercise) return card;
    item = { ...item, dose: item.dose ?? exercise.dose };
    part(".fai-companion__own").hidden = !exercise.clinics;
    const picture = part(".fai-companion__picture");
    if (exercise.picture) {
      picture.src = exercise.picture;
      picture.alt = exercise.alt || "";
    } else picture.remove();
    const words = doseWords();
    part(".fai-companion__dose").textContent = `${words.amount(item.dose)}${item.dose.each_side ? ", each side" : ""}. ${words.capitalized(words.frequency(item.dose))}.`;
    part(".fai-companion__rest-day").hidden = app.plan.rest || app.plan.due.has(item.id);
    const note = part(".fai-companion__own-note");
    note.textContent = item.note;
    note.hidden = !item.note;
    part(".fai-companion__steps").replaceChildren(...exercise.steps.map((step) => listItem(step)));
    part(".fai-companion__load").hidden = !exercise.addLoad;
    part(".fai-companion__load-rule").textContent = `${app.data.loadRule}:`;
    part(".fai-companion__load-how").textContent = exercise.addLoad || "";
    part(".fai-companion__care").replaceChildren(...exercise.precautions.map((line) => listItem(line)));
    const sets = setCounter(app, current, item, card, exercise);
    if (item.dose.hold_seconds || item.dose.duration_minutes) holdTimer(app, item, card, exercise, sets);
    const done = part(".fai-companion__done");
    done.setAttribute("aria-label", `Done: ${exercise.name}`);
    const showDone = () => {
      const isDone = doneToday(current).has(item.id);
      done.setAttribute("aria-pressed", String(isDone));
      done.textContent = isDone ? "Done ✓" : "Done";
      card.classList.toggle("fai-companion__exercise--done", isDone);
    };
    done.addEventListener("click", () => {
      current.day.done[item.id] = !own(current.day.done, item.id);
      save(app);
      showDone();
      showProgress(app);
    });
    showDone();
    return card;
  }

  function listItem(text) {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }

  function showProgress(app) {
    parts().today.show(app);
  }

  // What was done today, in a saved session or not yet saved.
  function doneToday(current) {
    const done = new Set(Object.keys(current.day.done).filter((id) => current.day.done[id]));
    for (const session of current.sessions) if (session.date === today()) for (const id of session.done) done.add(id);
    return done;
  }

  // The program's exercises this site still has, and the clinic's own.
  function available(app, current) {
    return current.items.filter((item) => exerciseOf(app, item));
  }

  // ---- Set counter

  function setCounter(app, current, item, card, exercise) {
    const total = item.dose.sets || 1;
    const count = card.querySelector(".fai-companion__set-count");
    const done = card.querySelector(".fai-companion__set-done");
    const undo = card.querySelector(".fai-companion__set-undo");
    done.setAttribute("aria-label", `Set done: ${exercise.name}`);
    undo.setAttribute("aria-label", `Undo a set: ${exercise.name}`);
    const showSets = () => {
      const sets = own(current.day.sets, item.id) || 0;
      count.textContent = sets >= total ? `All ${total} ${total === 1 ? "set" : "sets"} done.` : `Sets done: ${sets} of ${total}.`;
      done.disabled = sets >= total;
      undo.disabled = sets === 0;
    };
    const change = (step) => {
      const sets = Math.min(total, Math.max(0, (own(current.day.sets, item.id) || 0) + step));
      current.day.sets[item.id] = sets;
      if (sets >= total) current.day.done[item.id] = true;
      save(app);
      showSets();
      if (sets >= total) {
        const button = card.querySelector(".fai-companion__done");
        button.setAttribute("aria-pressed", "true");
        button.textContent = "Done ✓";
        card.classList.add("fai-companion__exercise--done");
        showProgress(app);
      }
    };
    done.addEventListener("click", () => change(1));
    undo.addEventListener("click", () => change(-1));
    showSets();
    return { setDone: () => change(1) };
  }

  // ---- Hold timer: holds and rests of one set, or the minutes of a timed exercise

  function holdTimer(app, item, card, exercise, sets) {
    const box = card.querySelector(".fai-companion__timer");
    const phase = box.querySelector(".fai-companion__timer-phase");
    const count = box.querySelector(".fai-companion__timer-count");
    const speech = box.querySelector(".fai-companion__timer-say");
    const go = box.querySelector(".fai-companion__timer-go");
    const stop = box.querySelector(".fai-companion__timer-stop");
    box.hidden = false;
    go.setAttribute("aria-label", `Start timer: ${exercise.name}`);
    stop.setAttribute("aria-label", `Stop timer: ${exercise.name}`);
    const steps = timerSteps(app, item.dose);
    const timer = { steps, index: 0, endsAt: 0, tick: null };
    app.timers.push(timer);
    const idle = () => {
      phase.textContent = item.dose.duration_minutes && !item.dose.hold_seconds ? "Timer" : `Holds of ${item.dose.hold_seconds} seconds`;
      count.textContent = clock(steps[0].seconds);
      stop.disabled = true;
      go.disabled = false;
    };
    const showStep = () => {
      const step = steps[timer.index];
      phase.textContent = step.label;
      speech.textContent = step.label;
    };
    const finish = (message) => {
      clearInterval(timer.tick);
      timer.tick = null;
      idle();
      speech.textContent = message;
    };
    const tick = () => {
      const left = Math.max(0, Math.ceil((timer.endsAt - Date.now()) / 1000));
      count.textContent = clock(left);
      if (left > 0) return;
      if (steps[timer.index].hold) beep(app);
      timer.index += 1;
      if (timer.index >= steps.length) {
        finish("Set finished. Well done.");
        sets.setDone();
        return;
      }
      timer.endsAt = Date.now() + steps[timer.index].seconds * 1000;
      showStep();
      count.textContent = clock(steps[timer.index].seconds);
    };
    go.addEventListener("click", () => {
      wakeAudio(app);
      timer.index = 0;
      timer.endsAt = Date.now() + steps[0].seconds * 1000;
      showStep();
      count.textContent = clock(steps[0].seconds);
      go.disabled = true;
      stop.disabled = false;
      stop.focus();
      timer.tick = setInterval(tick, 250);
    });
    stop.addEventListener("click", () => {
      finish("Timer stopped.");
      go.focus();
    });
    timer.stop = () => clearInterval(timer.tick);
    idle();
  }

  // One set: each hold, then a rest between holds; each side in turn when the dose is for each side.
  function timerSteps(app, dose) {
    if (dose.duration_minutes && !dose.hold_seconds) return [{ label: "Keep going", seconds: dose.duration_minutes * 60, hold: true }];
    const holds = dose.reps || 1;
    const sides = dose.each_side ? ["Left side: ", "Right side: "] : [""];
    const steps = [];
    for (const side of sides) {
      for (let hold = 1; hold <= holds; hold += 1) {
        if (steps.length) steps.push({ label: "Rest", seconds: app.data.restSeconds, hold: false });
        steps.push({ label: `${side}Hold ${hold} of ${holds}`, seconds: dose.hold_seconds, hold: true });
      }
    }
    return steps;
  }

  function stopTimers(app) {
    for (const timer of app.timers) timer.stop?.();
    app.timers = [];
  }

  function clock(seconds) {
    return seconds >= 60 ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}` : String(seconds);
  }

  // A short tone from Web Audio: made on the phone, nothing to download.
  function wakeAudio(app) {
    if (!app.store.tone || app.audio) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (Context) app.audio = new Context();
  }

  function beep(app) {
    if (!app.store.tone || !app.audio) return;
    const oscillator = app.audio.createOscillator();
    const volume = app.audio.createGain();
    volume.gain.value = 0.2;
    oscillator.frequency.value = 880;
    oscillator.connect(volume).connect(app.audio.destination);
    oscillator.start();
    oscillator.stop(app.audio.currentTime + 0.2);
  }

  // ---- Pain: after a session, and how the hip settled by the next day

  function chosen(app, name) {
    const input = app.root.querySelector(`input[name="${name}"]:checked`);
    return input ? Number(input.value) : null;
  }

  function saveSession(app) {
    const current = program(app);
    const pain = chosen(app, "fai-companion-pain");
    if (pain === null) {
      say(app, "Choose your pain score from 0 to 10 first.");
      app.root.querySelector('input[name="fai-companion-pain"]').focus();
      return;
    }
    const note = schema().text(app.find(".fai-companion__note").value, app.data.rules.sessionNoteMaxLength);
    const items = available(app, current);
    const planned = app.plan.rest ? items : items.filter((item) => app.plan.due.has(item.id));
    const done = items.filter((item) => own(current.day.done, item.id)).map((item) => item.id);
    current.sessions.push({ date: today(), done, total: planned.length, pain, note, morning: null, at: new Date().toISOString() });
    current.day = newDay();
    save(app);
    for (const input of app.root.querySelectorAll('input[name="fai-companion-pain"]')) input.checked = false;
    app.find(".fai-companion__note").value = "";
    show(app);
    showRule(app, pain > app.data.okPain ? "high" : "ok");
    say(app, `Session saved: ${done.length} of ${planned.length} exercises, pain ${pain}.`);
  }

  // The latest session from before today whose next morning is not yet told.
  function unsettled(current) {
    return [...current.sessions].reverse().find((session) => session.date < today() && session.morning === null) ?? null;
  }

  function showSettle(app) {
    const session = unsettled(program(app));
    app.find(".fai-companion__settle").hidden = !session;
    if (session) app.find(".fai-companion__settle-when").textContent = `After your session on ${longDate(session.date)}, your pain was ${session.pain}.`;
  }

  function saveSettled(app) {
    const session = unsettled(program(app));
    const morning = chosen(app, "fai-companion-morning");
    if (!session) return;
    if (morning === null) {
      say(app, "Choose your pain score from 0 to 10 first.");
      return;
    }
    session.morning = morning;
    save(app);
    for (const input of app.root.querySelectorAll('input[name="fai-companion-morning"]')) input.checked = false;
    show(app);
    showRule(app, stayedUp(app, session) ? "stayed" : "settled");
  }

  // The site's pain rule: up to 4 is OK if it settles by the next day; if it stays up, do less.
  function stayedUp(app, session) {
    return session.morning > app.data.okPain || session.morning > session.pain;
  }

  function showRule(app, kind) {
    const rule = app.find(".fai-companion__rule");
    rule.querySelector(".fai-companion__rule-text").textContent = app.data.painRule[kind];
    rule.classList.toggle("fai-companion__rule--warn", kind === "high" || kind === "stayed");
    rule.hidden = false;
  }

  // ---- History: this week, and a chart of the weeks

  function showHistory(app) {
    const current = program(app);
    app.find(".fai-companion__summary-title").textContent = `${current.title}: started ${longDate(current.opened)}.`;
    // The paper handout's weekly log, filled in: a tick per exercise done each day, then the pain scores.
    const monday = startOfWeek(today());
    const days = Array.from({ length: 7 }, (_, offset) => addDays(monday, offset));
    const on = (day) => current.sessions.filter((session) => session.date === day);
    const head = document.createElement("tr");
    head.append(header("col", "Exercise"), ...days.map((day) => {
      const cellHead = header("col", fromIso(day).toLocaleDateString("en", { weekday: "short", day: "numeric" }));
      if (day === today()) cellHead.classList.add("fai-companion__week-today");
      return cellHead;
    }));
    app.find(".fai-companion__week thead").replaceChildren(head);
    const row = (kind, name, value) => {
      const line = document.createElement("tr");
      line.dataset.row = kind;
      line.append(header("row", name), ...days.map((day) => {
        const element = cell(value(on(day), day));
        element.dataset.day = day;
        return element;
      }));
      return line;
    };
    // Planned against done: the plan's exercise days, and the days with a session.
    const week = programPlan().week(app.plan.items, app.plan.days, current.sessions, monday);
    const planned = week.filter((day) => day.planned);
    const done = planned.filter((day) => day.sessions).length;
    app.find(".fai-companion__week-caption").textContent = `This week: ${done} of ${planned.length} planned exercise days done. A tick for each exercise done.`;
    const rows = [
      row("planned", "Planned", (sessions, day) => (week.find((each) => each.date === day).planned ? "Yes" : "Rest")),
      ...current.items.map((item) => row("exercise", exerciseOf(app, item)?.name ?? (item.name || item.id), (sessions) => (sessions.some((session) => session.done.includes(item.id)) ? "✓" : ""))),
      row("sessions", "Sessions", (sessions) => String(sessions.length || "")),
      row("pain", "Pain after (0–10)", (sessions) => sessions.map((session) => session.pain).join(", ")),
      row("morning", "Next morning", (sessions) => sessions.map((session) => session.morning ?? "").filter(String).join(", ")),
    ];
    app.find(".fai-companion__week tbody").replaceChildren(...rows);
    app.find(".fai-companion__chart-box").replaceChildren(chart(current, app.store.psfs.entries));
    const notes = current.sessions.filter((session) => session.note).slice(-5);
    const list = app.find(".fai-companion__notes-list");
    list.hidden = !notes.length;
    list.textContent = notes.length ? `Your notes: ${notes.map((session) => `${shortDate(session.date)}: ${session.note}`).join(" · ")}` : "";
  }

  function header(scope, text) {
    const element = document.createElement("th");
    element.scope = scope;
    element.textContent = text;
    return element;
  }

  function cell(text) {
    const element = document.createElement("td");
    element.textContent = text;
    return element;
  }

  function weeks(current, ratings) {
    const thisWeek = startOfWeek(today());
    const average = (values) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);
    return Array.from({ length: WEEKS_SHOWN }, (_, index) => {
      const from = addDays(thisWeek, (index - WEEKS_SHOWN + 1) * 7);
      const to = addDays(from, 7);
      const sessions = current.sessions.filter((session) => session.date >= from && session.date < to);
      const scores = ratings.filter((entry) => entry.date >= from && entry.date < to).flatMap((entry) => entry.ratings.map((rating) => rating.score));
      return { from, sessions: sessions.length, pain: average(sessions.map((session) => session.pain)), activity: average(scores) };
    });
  }

  // Bars: sessions each week (up to 14); line: the average pain after them (0 to 10); dashed line: the average
  // of the week's activity scores (0 to 10, higher is better).
  function chart(current, ratings) {
    const shown = weeks(current, ratings);
    const width = 320;
    const height = 170;
    const top = 10;
    const bottom = 140;
    const most = Math.max(7, ...shown.map((week) => week.sessions));
    const step = (width - 40) / shown.length;
    const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "fai-companion__chart-svg" });
    const title = svgElement("title", {});
    title.textContent = `Sessions, pain and activity scores for the last ${WEEKS_SHOWN} weeks. ${shown.map((week) => `Week of ${shortDate(week.from)}: ${week.sessions} sessions${week.pain === null ? "" : `, pain ${week.pain.toFixed(1)}`}${week.activity === null ? "" : `, activities ${week.activity.toFixed(1)}`}`).join(". ")}.`;
    svg.append(title);
    svg.append(svgElement("line", { x1: 30, x2: width - 10, y1: bottom, y2: bottom, class: "fai-companion__axis" }));
    const points = [];
    const activity = [];
    shown.forEach((week, index) => {
      const x = 30 + index * step;
      const barHeight = ((bottom - top) * week.sessions) / most;
      svg.append(svgElement("rect", { x: x + step * 0.2, y: bottom - barHeight, width: step * 0.6, height: barHeight, class: "fai-companion__bar" }));
      // Every other week is named, so the names never run into each other on a phone.
      if ((shown.length - 1 - index) % 2 === 0) {
        const label = svgElement("text", { x: x + step / 2, y: bottom + 16, class: "fai-companion__chart-label", "text-anchor": "middle" });
        label.textContent = fromIso(week.from).toLocaleDateString("en", { day: "numeric", month: "short" });
        svg.append(label);
      }
      if (week.pain !== null) points.push([x + step / 2, bottom - ((bottom - top) * week.pain) / 10]);
      if (week.activity !== null) activity.push([x + step / 2, bottom - ((bottom - top) * week.activity) / 10]);
    });
    if (points.length) {
      svg.append(svgElement("polyline", { points: points.map((point) => point.join(",")).join(" "), class: "fai-companion__pain-line" }));
      for (const [x, y] of points) svg.append(svgElement("circle", { cx: x, cy: y, r: 4, class: "fai-companion__pain-dot" }));
    }
    if (activity.length) {
      svg.append(svgElement("polyline", { points: activity.map((point) => point.join(",")).join(" "), class: "fai-companion__activity-line" }));
      for (const [x, y] of activity) svg.append(svgElement("rect", { x: x - 4, y: y - 4, width: 8, height: 8, class: "fai-companion__activity-dot" }));
    }
    const scale = svgElement("text", { x: 4, y: top + 8, class: "fai-companion__chart-label" });
    scale.textContent = "10";
    svg.append(scale);
    return svg;
  }

  function svgElement(name, attributes) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    return element;
  }

  // The summary for an appointment, from its own file, loaded the first time it is printed.
  async function printReport(app) {
    try {
      await app.demand("companion-report.js");
    } catch {
      return say(app, "The summary could not be made: this page needs to be online once more. Your data is safe.");
    }
    parts().report.print(app);
  }

  // ---- Export, import, delete

  function exportFile(app) {
    if (!app.readOnly) {
      app.store.backedUp = today();
      save(app);
    }
    download(store().toText(app.store, { exported: new Date().toISOString() }, 2), `my-hip-program-${today()}.json`);
    show(app);
    say(app, "Your data was saved as a file. Keep it somewhere safe.");
  }

  // A file made on the phone (a blob: address), so nothing is sent anywhere.
  function download(text, name, type = "application/json") {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // A file is read and checked, and shown before anything changes; a bad file changes nothing.
  async function chooseFile(app, input) {
    const file = input.files[0];
    input.value = "";
    closePreview(app);
    if (!file) return;
    const limit = app.data.rules.maxFileBytes;
    if (file.size > limit) return say(app, `This file is too big to keep on this phone (${megabytes(file.size)}; this page keeps up to ${megabytes(limit)}). Nothing was changed.`);
    let read;
    try {
      read = store().fromValue(JSON.parse(await file.text()), app.data.rules, today());
    } catch {
      read = { status: "unreadable" };
    }
    if (read.status === "newer") return say(app, "This file was saved by a newer version of this page. Reload this page while online, then load the file again. Nothing was changed.");
    if (read.status === "unreadable" || !Object.keys(read.store.programs).length) return say(app, "This file could not be read. Choose a file this page saved. Nothing was changed.");
    const merged = store().merge(app.store, read.store, app.data.rules);
    if (merged.tooMany) return say(app, "With this file, this phone would keep more programs or sessions than this page can hold. Nothing was changed.");
    app.pending = merged.store;
    showPreview(app, read, merged);
  }

  function showPreview(app, read, merged) {
    const preview = app.find(".fai-companion__preview");
    const lines = store().summary(read.store).map(({ title, sessions, first, last }) => {
      const when = first ? `, ${first === last ? `on ${shortDate(first)}` : `from ${shortDate(first)} to ${shortDate(last)}`}` : "";
      return listItem(`${title}: ${sessions} ${sessions === 1 ? "session" : "sessions"}${when}`);
    });
    preview.querySelector(".fai-companion__preview-list").replaceChildren(...lines);
    const news = merged.programs || merged.sessions || merged.ratings;
    const ratings = merged.ratings ? `, and ${count(merged.ratings, "week")} of activity scores` : "";
    const adds = news ? `Adding it keeps everything already on this phone and adds ${count(merged.programs, "program")} and ${count(merged.sessions, "session")}${ratings} that are not here yet.` : "Everything in this file is already on this phone.";
    const skipped = read.status === "repaired" ? ` ${count(read.problems.length, "part")} of the file could not be read and will be left out.` : "";
    preview.querySelector(".fai-companion__preview-change").textContent = adds + skipped;
    preview.querySelector(".fai-companion__preview-add").hidden = !news;
    preview.hidden = false;
    preview.querySelector("h3").focus();
  }

  function closePreview(app, message) {
    app.pending = null;
    app.find(".fai-companion__preview").hidden = true;
    if (message) say(app, message);
  }

  // What was here is kept as the backup first; if the phone has no room, nothing changes.
  function addFile(app) {
    const merged = app.pending;
    if (!merged) return;
    if (app.readOnly) return closePreview(app, "Not added: this phone holds data this page cannot read, and it is kept as it was.");
    const backup = stored(BACKUP_KEY);
    if (!keep(BACKUP_KEY, store().toText(app.store)) || !keep(STORE_KEY, store().toText(merged))) {
      // A write that fails leaves its key as it was: only the backup may need putting back.
      if (backup === null) localStorage.removeItem(BACKUP_KEY);
      else keep(BACKUP_KEY, backup);
      return closePreview(app, "There is no room on this phone to keep this file's data. Nothing was changed. Save your data as a file, then free some space.");
    }
    app.store = merged;
    closePreview(app);
    show(app);
    say(app, "The file's data was added. What was on this phone before is kept too: “Go back to before the last file” brings it back.");
  }

  // The backup and what is kept swap places, so going back can itself be undone.
  function restoreBackup(app) {
    const backup = stored(BACKUP_KEY);
    const read = backup === null ? null : store().fromStorage(backup, app.data.rules, today());
    if (!read || read.status === "unreadable" || read.status === "newer") return say(app, "There is no earlier data on this phone to go back to.");
    const now = store().toText(app.store);
    if (!keep(STORE_KEY, backup)) return say(app, "This phone could not save your data. Its storage may be full or turned off.");
    keep(BACKUP_KEY, now);
    app.store = read.store;
    show(app);
    say(app, "Your data is as it was before the last file was added. Press the button again to undo this.");
  }

  function count(number, noun) {
    return `${number} ${noun}${number === 1 ? "" : "s"}`;
  }

  function megabytes(bytes) {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function askDelete(app, asking) {
    app.find(".fai-companion__delete-confirm").hidden = !asking;
    app.find(".fai-companion__delete-ask").hidden = asking;
    (asking ? app.find(".fai-companion__delete-no") : app.find(".fai-companion__delete-ask")).focus();
  }

  function deleteEverything(app) {
    for (const key of [STORE_KEY, BACKUP_KEY, UNREADABLE_KEY]) localStorage.removeItem(key);
    app.store = store().empty();
    app.readOnly = app.newer = false;
    app.unreadable = null;
    askDelete(app, false);
    app.find(".fai-companion__rule").hidden = true;
    show(app);
    say(app, "Everything was deleted from this phone.");
  }

  // ---- Offline

  // The worker sits beside the page (program/sw.js), so it serves this page and nothing else.
  function registerWorker(root) {
    if (!root.dataset.worker || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    navigator.serviceWorker.register(root.dataset.worker).catch(() => undefined);
  }

  // ---- Helpers

  // Dates as the phone's own calendar days, written YYYY-MM-DD.
  function today() {
    return isoDay(new Date());
  }

  function isoDay(date) {
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  }

  function fromIso(day) {
    const [year, month, date] = day.split("-").map(Number);
    return new Date(year, month - 1, date, 12);
  }

  function addDays(day, count) {
    return isoDay(new Date(fromIso(day).getTime() + count * DAY_MS));
  }

  function startOfWeek(day) {
    return addDays(day, -((fromIso(day).getDay() + 6) % 7));
  }

  function shortDate(day) {
    return fromIso(day).toLocaleDateString("en", { weekday: "short", day: "numeric", month: "short" });
  }

  function longDate(day) {
    return fromIso(day).toLocaleDateString("en", { weekday: "long", day: "numeric", month: "long" });
  }

  function fromTemplate(id) {
    return document.getElementById(id).content.firstElementChild.cloneNode(true);
  }

  function say(app, message) {
    app.find(".fai-companion__status").textContent = message;
  }

  // The modules and parts this page loads before this script (overrides/companion.html).
  const schema = () => window.faiDataSchema;
  const link = () => window.faiProgramLink;
  const store = () => window.faiCompanionStore;
  const doseWords = () => window.faiDoseWords;
  const programPlan = () => window.faiProgramPlan;
  const parts = () => window.faiCompanionParts;
  const own = (map, key) => schema().own(map, key);

  function startHere() {
    const root = document.querySelector(".fai-companion");
    const ready = window.faiOnDemand && schema() && link() && store() && doseWords() && programPlan() && PARTS.every((name) => parts()?.[name]);
    if (root && !root.dataset.started && ready) start(root);
    else if (!root && running) stopTimers(running);
  }

  // Last, once everything above is defined. Material's `document$` brings each page of
  // instant navigation; the offline copy's never emits, so the page also starts itself.
  // Instant navigation may run the modules after this script: each says when it has run.
  window.faiCompanion = true;
  window.addEventListener("fai-script", startHere);
  if (window.document$) document$.subscribe(startHere);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startHere);
  else startHere();
})();
