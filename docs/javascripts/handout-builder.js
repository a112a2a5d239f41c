// The handout builder (handouts/builder/): a clinician composes a patient's program, prints
// it and shares it as a link, and nothing leaves the device. The catalogue comes from the
// page's JSON data block; the sheet and cards from <template>s drawn with the handouts' own
// partials, filled here with text only. A program lives in the address's #fragment
// (program-link.js) and, if asked, in this browser's storage (read back by data-schema.js);
// the patient's details in neither. What only some visits need is in files loaded when first
// wanted (on-demand.js): a clinic's own exercises (builder-custom.js), saved templates, clinic
// packs and the logo (builder-library.js), and the QR codes (builder-qr.js).

(() => {
  "use strict";

  // The page loads this file itself, so instant navigation runs it again on every visit;
  // the first run's subscription to `document$` (at the end) serves them all.
  if (window.faiHandoutBuilder) return;

  const TEMPLATES_KEY = "fai-handout-builder-templates";
  // The clinic's own details and logo, not the patient's: kept between visits.
  const CLINIC_KEY = "fai-handout-builder-clinic";
  const LOGO_KEY = "fai-handout-builder-logo";
  // The program's texts besides its title and notes (program-link.js); the patient's link leaves out what only a
  // sheet prints.
  const TEXTS = ["goal", "phase", "often", "move"];
  const SHEET_ONLY = ["phase", "move"];

  // ---- Start

  function start(root) {
    root.dataset.started = "true";
    const data = JSON.parse(document.getElementById("fai-builder-data").textContent);
    // Each exercise as a link writes it, then its type and phases; its name is on its card.
    data.exercises = data.exercises.map((entry) => {
      const [code, category, ...phases] = entry.split(" ");
      const { id, dose } = link().readItem(code, data.rules);
      return { id, dose, category, phases, name: cardTemplate(id).querySelector(".fai-handout__name").textContent };
    });
    // The sheet's words for a program the catalogue has no rules for, as the page first shows them.
    data.howOften = root.querySelector(".fai-handout__how-often").textContent;
    data.moveOn = root.querySelector(".fai-handout__move-on").textContent;
    const builder = {
      root,
      data,
      rules: data.rules,
      exercises: new Map(data.exercises.map((exercise) => [exercise.id, exercise])),
      sheet: root.querySelector(".fai-handout"),
      title: data.rules.defaultTitle,
      notes: "",
      texts: Object.fromEntries(TEXTS.map((name) => [name, ""])),
      review: "",
      items: [], // { exercise, dose, note, editor }, in the program's order
      choices: new Map(), // exercise id → its row in the list to choose from
      find: (selector) => root.querySelector(selector),
    };
    builder.api = api(builder);
    listExercises(builder);
    performance.mark("fai-builder:list-rendered");
    listen(builder);
    prepareSheet(builder);
    loadClinic(builder);
    // Saved templates and a logo chosen here are shown by builder-library.js, loaded only when this browser keeps one.
    if ([TEMPLATES_KEY, LOGO_KEY].some((key) => readJson(key) !== null)) part(builder, "library").then((library) => library.show(builder.api));
    loadFromAddress(builder);
  }

  // What the files loaded on demand may use.
  function api(builder) {
    return {
      builder,
      add: (exercise, dose) => addExercise(builder, exercise, dose),
      load: (read) => loadProgram(builder, read),
      code: () => programCode(builder),
      changed: () => changed(builder),
      say: (message) => say(builder, message),
      storeJson: (key, value) => storeJson(builder, key, value),
      readJson,
      fromTemplate,
      TEMPLATES_KEY,
      LOGO_KEY,
    };
  }

  function listen(builder) {
    const on = (selector, type, action) => builder.find(selector).addEventListener(type, action);
    for (const selector of [".fai-builder__text-filter", ".fai-builder__phase-filter", ".fai-builder__category-filter"]) {
      on(selector, "input", () => filter(builder));
    }
    on(".fai-builder__title", "input", (event) => {
      builder.title = schema().text(event.target.value, builder.rules.titleMaxLength) || builder.rules.defaultTitle;
      changed(builder);
    });
    on(".fai-builder__notes", "input", (event) => {
      builder.notes = schema().text(event.target.value, builder.rules.notesMaxLength);
      changed(builder);
    });
    for (const input of builder.root.querySelectorAll(".fai-builder__text")) input.addEventListener("input", () => readText(builder, input));
    on(".fai-builder__review", "input", (event) => {
      builder.review = schema().isDay(event.target.value) ? event.target.value : "";
      changed(builder);
    });
    on(".fai-builder__copy-patient", "click", () => copy(builder, patientLink(builder), "The patient's link is copied. It opens this program in My program on their phone, without their details."));
    on(".fai-builder__own", "toggle", (event) => event.target.open && part(builder, "custom").then((custom) => custom.open(builder.api)));
    for (const [selector, type, action] of [
      [".fai-builder__save", "click", "save"],
      [".fai-builder__open", "click", "open"],
      [".fai-builder__delete", "click", "remove"],
      [".fai-builder__pack-save", "click", "savePack"],
      [".fai-builder__pack-load", "change", "loadPack"],
      [".fai-builder__pack-add", "click", "addPack"],
      [".fai-builder__pack-cancel", "click", "cancelPack"],
      [".fai-builder__logo", "change", "chooseLogo"],
      [".fai-builder__logo-remove", "click", "removeLogo"],
    ]) {
      on(selector, type, (event) => part(builder, "library").then((library) => library[action](builder.api, event.target)));
    }
    on(".fai-builder__patient", "input", () => showPatient(builder));
    on(".fai-builder__clinic", "input", () => saveClinic(builder));
    on(".fai-builder__print", "click", () => printSheet(builder));
    on(".fai-builder__copy", "click", () => copy(builder, location.href, "Link copied. It holds the exercises, doses and notes, not the patient's details."));
    on(".fai-builder__large-print-box", "change", (event) => {
      builder.find(".fai-builder__preview").classList.toggle("fai-large-print", event.target.checked);
    });
    on(".fai-builder__motion", "click", (event) => {
      const still = builder.root.classList.toggle("fai-builder--still");
      event.currentTarget.textContent = still ? "Play pictures" : "Pause pictures";
    });
  }

  // The sheet's own fields show what the form says; typing happens in the form only.
  function prepareSheet(builder) {
    for (const input of builder.sheet.querySelectorAll(".fai-handout__field-input")) {
      input.readOnly = true;
      input.tabIndex = -1;
    }
    builder.find('[data-patient="date"]').value = new Date().toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" });
    showPatient(builder);
  }

  // ---- Choosing exercises

  function listExercises(builder) {
    const list = builder.find(".fai-builder__catalogue");
    for (const exercise of builder.data.exercises) {
      const row = fromTemplate("fai-builder-choice");
      row.querySelector(".fai-builder__choice-name").textContent = exercise.name;
      row.querySelector(".fai-builder__choice-facts").textContent = facts(builder, exercise);
      const picture = cardTemplate(exercise.id).querySelector(".fai-handout__picture img");
      if (picture) row.querySelector(".fai-builder__thumb").append(decorative(picture));
      row.querySelector(".fai-builder__add").addEventListener("click", () => addExercise(builder, exercise));
      builder.choices.set(exercise.id, row);
      list.append(row);
    }
    showChoices(builder);
    filter(builder);
  }

  // The phases' and types' names, as the filters list them.
  function facts(builder, exercise) {
    const label = (selector, value) => builder.find(`${selector} option[value="${value}"]`).textContent;
    const phases = exercise.phases.map((phase) => label(".fai-builder__phase-filter", phase)).join(", ");
    return `${phases} · ${label(".fai-builder__category-filter", exercise.category)}`;
  }

  // The card's picture, as a thumbnail beside the name (which already says what it shows).
  function decorative(picture) {
    const thumbnail = picture.cloneNode();
    thumbnail.alt = "";
    thumbnail.setAttribute("role", "presentation");
    return thumbnail;
  }

  function filter(builder) {
    const words = builder.find(".fai-builder__text-filter").value.trim().toLowerCase();
    const phase = builder.find(".fai-builder__phase-filter").value;
    const category = builder.find(".fai-builder__category-filter").value;
    let shown = 0;
    for (const exercise of builder.data.exercises) {
      const match = exercise.name.toLowerCase().includes(words) && (!phase || exercise.phases.includes(phase)) && (!category || exercise.category === category);
      builder.choices.get(exercise.id).hidden = !match;
      shown += match;
    }
    const total = builder.data.exercises.length;
    builder.find(".fai-builder__count").textContent = shown === total ? `All ${total} exercises shown.` : `${shown} of ${total} exercises shown.`;
  }

  // An exercise already in the program says so on its button, which stays focusable.
  function showChoices(builder) {
    for (const [id, row] of builder.choices) {
      const added = builder.items.some((item) => item.exercise.id === id);
      const button = row.querySelector(".fai-builder__add");
      const name = builder.exercises.get(id).name;
      button.textContent = added ? "Added" : "Add";
      button.setAttribute("aria-label", added ? `${name}: added` : `Add ${name}`);
      button.setAttribute("aria-disabled", String(added));
    }
  }

  function addExercise(builder, exercise, dose = exercise.dose) {
    if (builder.items.some((item) => item.exercise.id === exercise.id)) return say(builder, `${exercise.name} is already in the program.`);
    if (builder.items.length >= builder.rules.maxExercises) return say(builder, `A handout holds at most ${builder.rules.maxExercises} exercises.`);
    builder.items.push(newItem(builder, exercise, { ...dose }, ""));
    changed(builder);
    const count = builder.items.length;
    const overBudget = count > builder.data.budgetExercises ? ` More than ${builder.data.budgetExercises} exercises may take more than ${builder.data.budgetPages} pages.` : "";
    say(builder, `${exercise.name} added as number ${count}.${overBudget}`);
  }

  // ---- The program

  function newItem(builder, exercise, dose, note) {
    const item = { exercise, dose, note, editor: fromTemplate("fai-builder-item") };
    const editor = item.editor;
    editor.querySelector("legend").textContent = `Dose for ${exercise.name}`;
    editor.querySelector(".fai-builder__up").setAttribute("aria-label", `Move ${exercise.name} up`);
    editor.querySelector(".fai-builder__down").setAttribute("aria-label", `Move ${exercise.name} down`);
    editor.querySelector(".fai-builder__remove").setAttribute("aria-label", `Remove ${exercise.name}`);
    const timed = words().isTimed(exercise.dose ?? dose);
    for (const field of builder.rules.doseFields) {
      const input = doseInput(item, field);
      const value = dose[field.name];
      if (input.type === "checkbox") input.checked = Boolean(value);
      else input.value = value ?? "";
      const belongs = field.kind === "any" || (field.kind === "timed") === timed;
      input.closest("label").hidden = !belongs && !value;
    }
    editor.querySelector('[name="note"]').value = note;
    editor.addEventListener("input", () => readEditor(builder, item));
    editor.querySelector(".fai-builder__up").addEventListener("click", () => move(builder, item, -1));
    editor.querySelector(".fai-builder__down").addEventListener("click", () => move(builder, item, 1));
    editor.querySelector(".fai-builder__remove").addEventListener("click", () => remove(builder, item));
    return item;
  }

  function doseInput(item, field) {
    return item.editor.querySelector(`[name="${field.name}"]`);
  }

  // A dose the model would refuse stays out of the sheet: the field is marked and the reason said.
  function readEditor(builder, item) {
    const dose = {};
    let problem = null;
    for (const field of builder.rules.doseFields) {
      const input = doseInput(item, field);
      const value = input.type === "checkbox" ? input.checked : number(input.value, field);
      const wrong = value === undefined;
      input.setAttribute("aria-invalid", String(wrong));
      if (wrong) problem ??= `${input.closest("label").textContent.trim()} must be a whole number from ${field.low} to ${field.high}`;
      else dose[field.name] = value ?? field.default;
    }
    problem ??= link().doseProblem(dose);
    item.note = schema().text(item.editor.querySelector('[name="note"]').value, builder.rules.noteMaxLength);
    if (problem) say(builder, `${item.exercise.name}: ${problem}. The handout keeps the last good dose.`);
    else item.dose = dose;
    changed(builder);
  }

  // A whole number within the field's limits; null for an empty field, undefined for anything else.
  function number(text, field) {
    if (text.trim() === "") return null;
    const value = Number(text);
    return Number.isInteger(value) && value >= field.low && value <= field.high ? value : undefined;
  }

  function move(builder, item, step) {
    const from = builder.items.indexOf(item);
    const to = from + step;
    if (to < 0 || to >= builder.items.length) return say(builder, `${item.exercise.name} is already ${step < 0 ? "first" : "last"}.`);
    builder.items.splice(from, 1);
    builder.items.splice(to, 0, item);
    changed(builder);
    item.editor.querySelector(step < 0 ? ".fai-builder__up" : ".fai-builder__down").focus();
    say(builder, `${item.exercise.name} moved to number ${to + 1} of ${builder.items.length}.`);
  }

  function remove(builder, item) {
    const index = builder.items.indexOf(item);
    builder.items.splice(index, 1);
    item.editor.remove();
    changed(builder);
    const next = builder.items[index] ?? builder.items[index - 1];
    (next ? next.editor.querySelector(".fai-builder__remove") : builder.find("#fai-builder-program")).focus();
    say(builder, `${item.exercise.name} removed.`);
  }

  function changed(builder) {
    showProgram(builder);
    showChoices(builder);
    showSheet(builder);
    history.replaceState(history.state, "", `${location.pathname}#${programCode(builder)}`);
    showPatientLink(builder);
  }

  // The program's texts: cleaned and capped; spacing advice that says how often would contradict the doses.
  function readText(builder, input) {
    const name = input.dataset.text;
    const value = schema().text(input.value, builder.rules.texts[name]);
    const wrong = name === "often" && new RegExp(builder.rules.frequencyWords, "i").test(value);
    input.setAttribute("aria-invalid", String(wrong));
    if (wrong) return say(builder, "Say how often in each exercise's dose. Here, say only how to space the sessions, such as “Leave a rest day between sessions.” The sheet keeps the last advice without a number.");
    builder.texts[name] = value;
    changed(builder);
  }

  // "Start this program" opens the patient's companion (program/) with the program; the patient's link is the same
  // page on the public site, where there is one, and the sheet's QR code opens it.
  function showPatientLink(builder) {
    const start = builder.find(".fai-builder__start");
    start.hidden = !builder.items.length;
    start.href = `${start.href.split("#")[0]}#${patientCode(builder)}`;
    builder.find(".fai-builder__patient-link").value = builder.items.length ? patientLink(builder) : "";
    showQrCodes(builder);
  }

  function patientLink(builder) {
    return `${builder.data.companionUrl ?? builder.find(".fai-builder__start").href.split("#")[0]}#${patientCode(builder)}`;
  }

  // Editors move only when the order changed, so typing in one never loses focus.
  function showProgram(builder) {
    const list = builder.find(".fai-builder__program");
    builder.items.forEach((item, index) => {
      if (list.children[index] !== item.editor) list.insertBefore(item.editor, list.children[index] ?? null);
      item.editor.querySelector(".fai-builder__item-name").textContent = `${index + 1}. ${item.exercise.name}`;
    });
    builder.find(".fai-builder__empty").hidden = builder.items.length > 0;
  }

  // ---- The sheet

  function showSheet(builder) {
    const sheet = (selector) => builder.sheet.querySelector(selector);
    sheet(".fai-handout__title").textContent = builder.title;
    sheet(".fai-handout__notes-text").textContent = builder.notes;
    sheet(".fai-handout__notes").hidden = !builder.notes;
    sheet(".fai-handout__goal").textContent = builder.texts.goal;
    sheet(".fai-handout__goal").hidden = !builder.texts.goal;
    sheet(".fai-handout__kicker").textContent = ["Home exercise program", builder.texts.phase].filter(Boolean).join(" · ");
    sheet('.fai-handout__field-input[name="review"]').value = builder.review ? longDate(builder.review) : "";
    sheet(".fai-handout__move-on").textContent = builder.texts.move || builder.data.moveOn;
    const shared = sharedFrequency(builder);
    const often = shared ? `${words().capitalized(shared)}.` : builder.data.howOften;
    sheet(".fai-handout__how-often").textContent = [often, builder.texts.often].filter(Boolean).join(" ");
    builder.sheet.querySelector(".fai-handout__exercises").replaceChildren(...builder.items.map((item) => card(item, shared)));
    const rows = builder.sheet.querySelector(".fai-handout__log-table tbody");
    rows.replaceChildren(...builder.items.map(logRow), rows.querySelector(".fai-handout__log-pain"));
  }

  // One frequency for every exercise is said once, under "How often", as on a program's sheet.
  function sharedFrequency(builder) {
    const all = builder.items.map((item) => words().frequency(item.dose));
    return all.length && all.every((often) => often === all[0]) ? all[0] : null;
  }

  // A clinic's own exercise is drawn by builder-custom.js, loaded before such an exercise joins the program.
  function card({ exercise, dose, note }, shared) {
    const card = exercise.custom ? parts().custom.card(exercise) : cardTemplate(exercise.id).firstElementChild.cloneNode(true);
    card.querySelector(".fai-handout__amount").textContent = words().amount(dose) + (dose.each_side ? ", each side" : "");
    const often = card.querySelector(".fai-handout__often");
    if (shared) often.remove();
    else often.textContent = words().capitalized(words().frequency(dose));
    const noteText = card.querySelector(".fai-handout__note");
    noteText.textContent = note;
    noteText.hidden = !note;
    if (!exercise.custom) withMotion(card, exercise);
    return card;
  }

  // On screen the preview's drawn pictures play, as on the exercise pages (#16): the moving
  // picture takes the still's place; paper, reduced motion and "Pause pictures" keep the
  // still (handout-builder.css). A picture that is not drawn from a pose has no moving one.
  function withMotion(card, exercise) {
    const still = card.querySelector(".fai-handout__picture img");
    const drawn = `illustrations/${exercise.id}.svg`;
    if (!still || !still.getAttribute("src").endsWith(drawn)) return;
    const moving = still.cloneNode();
    moving.src = still.getAttribute("src").slice(0, -drawn.length) + `illustrations/moving/${exercise.id}.svg`;
    moving.alt = "";
    moving.className = "fai-builder__moving";
    still.classList.add("fai-builder__still");
    still.after(moving);
  }

  function logRow({ exercise }, index) {
    const row = fromTemplate("fai-builder-log-row");
    row.querySelector(".fai-handout__log-number").textContent = index + 1;
    row.querySelector(".fai-handout__log-name").textContent = exercise.name;
    return row;
  }

  function showPatient(builder) {
    for (const input of builder.root.querySelectorAll(".fai-builder__patient [data-patient]")) {
      builder.sheet.querySelector(`.fai-handout__field-input[name="${input.dataset.patient}"]`).value = input.value;
    }
    showNameOnEveryPage(builder);
  }

  // The patient's name in the printed page's top margin, on every page: a rule in a style
  // sheet made here (the page's policy lets in no inline style), never stored and never in
  // the address, and emptied when the builder is left.
  const nameSheet = new CSSStyleSheet();

  function showNameOnEveryPage(builder) {
    const name = builder.find('[data-patient="patient"]').value.trim();
    if (!document.adoptedStyleSheets.includes(nameSheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, nameSheet];
    const margin = `@top-right { content: ${cssString(`Name: ${name}`)}; }`;
    nameSheet.replaceSync(name ? `@page fai-handout { ${margin} } @page fai-handout-large { ${margin} }` : "");
  }

  function cssString(text) {
    return `"${text.replace(/[\\"]/g, "\\$&").replace(/[\n\r\f]/g, " ")}"`;
  }

  // ---- The clinic

  function loadClinic(builder) {
    const kept = readJson(CLINIC_KEY);
    for (const input of builder.root.querySelectorAll("[data-clinic]")) {
      const value = schema().check(schema().own(kept, input.dataset.clinic), { text: builder.data.clinicMaxLength });
      if (value !== undefined) input.value = value;
    }
    showClinic(builder);
  }

  function saveClinic(builder) {
    const clinic = {};
    for (const input of builder.root.querySelectorAll("[data-clinic]")) clinic[input.dataset.clinic] = schema().text(input.value, builder.data.clinicMaxLength);
    try {
      localStorage.setItem(CLINIC_KEY, JSON.stringify(clinic));
    } catch {
      say(builder, "This browser does not let the page keep the clinic's details.");
    }
    showClinic(builder);
  }

  // The sheet's header shows the form's clinic, or the site's default name when it is empty.
  function showClinic(builder) {
    for (const input of builder.root.querySelectorAll("[data-clinic]")) {
      const key = input.dataset.clinic;
      const value = schema().text(input.value, builder.data.clinicMaxLength) || (key === "name" ? input.dataset.default : "");
      const shown = builder.sheet.querySelector(key === "name" ? ".fai-handout__clinic-name" : `.fai-handout__clinic-${key}`);
      shown.textContent = value;
      shown.hidden = !value;
    }
  }

  // ---- The QR codes

  // The patient's link on the public site (no patient details), on the sheet and beside the link, drawn by
  // builder-qr.js once the program has an exercise; none for a build without a public address, whose codes would
  // open nothing.
  function showQrCodes(builder) {
    const boxes = [builder.sheet.querySelector(".fai-handout__qr"), builder.find(".fai-builder__patient-qr")];
    if (!builder.data.companionUrl || !boxes[0]) return;
    const text = patientLink(builder);
    for (const box of boxes) box.hidden = !builder.items.length;
    if (!builder.items.length) return;
    part(builder, "qr").then(async (qr) => {
      const code = await qr.svg(text);
      if (text !== patientLink(builder)) return;
      for (const box of boxes) box.querySelector("[class$=-slot]").replaceChildren(code.cloneNode(true));
      builder.root.dataset.qr = code ? "drawn" : "too-long";
      if (!code) say(builder, "This program's link is too long for a QR code: give the patient the link instead.");
    });
  }

  // A date as the sheet prints it, "15 January 2027", whatever the computer's own format.
  function longDate(day) {
    const [year, month, date] = day.split("-").map(Number);
    return new Date(year, month - 1, date).toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" });
  }

  function printSheet(builder) {
    if (!builder.items.length) return say(builder, "Add at least one exercise before printing.");
    window.print();
  }

  // ---- Links: the program in the address

  function program(builder) {
    const items = builder.items.map(({ exercise, dose, note }) => ({ id: exercise.id, dose, note, custom: exercise.custom }));
    return { title: builder.title, notes: builder.notes, ...builder.texts, review: builder.review, items };
  }

  function programCode(builder) {
    return link().write(program(builder), builder.rules);
  }

  // The patient's link: what My program shows, without what only a sheet prints.
  function patientCode(builder) {
    const shown = program(builder);
    for (const name of SHEET_ONLY) delete shown[name];
    return link().write(shown, builder.rules);
  }

  // `?exercises=a,b,c` (links from other pages) or a program in the fragment; then the fragment alone.
  function loadFromAddress(builder) {
    const listed = new URLSearchParams(location.search).get("exercises");
    const read = listed !== null ? link().readList(listed, builder.rules) : link().read(location.hash.slice(1), builder.rules);
    if (read?.reference !== undefined) return say(builder, "This link is for My program, on the patient's phone: open it there.");
    if (read) loadProgram(builder, read).then((problems) => problems.length && say(builder, problems.join(" ")));
  }

  // Replaces the program; resolves to what could not be loaded, in words, so nothing is dropped silently. A clinic's
  // own exercise needs builder-custom.js, loaded first.
  async function loadProgram(builder, read) {
    const custom = read.items.some((entry) => entry.custom) ? await part(builder, "custom") : null;
    for (const item of builder.items) item.editor.remove();
    builder.items = [];
    builder.title = read.title;
    builder.notes = read.notes;
    builder.review = read.review;
    builder.find(".fai-builder__title").value = builder.title;
    builder.find(".fai-builder__notes").value = builder.notes;
    builder.find(".fai-builder__review").value = builder.review;
    for (const input of builder.root.querySelectorAll(".fai-builder__text")) {
      builder.texts[input.dataset.text] = input.value = read[input.dataset.text];
      input.setAttribute("aria-invalid", "false");
    }
    const unknown = [];
    const problems = [];
    for (const entry of read.items) {
      const exercise = entry.custom ? custom.exercise(entry.id, entry.custom) : builder.exercises.get(entry.id);
      if (!exercise) unknown.push(`“${entry.id}”`);
      else builder.items.push(newItem(builder, exercise, entry.dose ?? { ...exercise.dose }, entry.note));
    }
    const max = builder.rules.maxExercises;
    for (const { kind, id, count } of read.problems) {
      const name = builder.exercises.get(id)?.name ?? id;
      if (kind === "id") unknown.push(`“${id}”`);
      if (kind === "dose" && builder.exercises.has(id)) problems.push(`The dose for ${name} could not be read, so it has its usual dose.`);
      if (kind === "custom" || (kind === "dose" && link().isCustomId(id, builder.rules))) problems.push(`A clinic's own exercise (“${id.slice(1)}”) could not be read in full, so it was left out.`);
      if (kind === "twice") problems.push(`${name} was listed twice; it is in the program once.`);
      if (kind === "too-many") problems.push(`The link named ${count} exercises; a handout holds ${max}, so only the first ${max} were loaded.`);
      if (kind === "too-long") problems.push("This link is too long to be a program from this site, so nothing was loaded.");
    }
    if (unknown.length) problems.unshift(`Not in the site's list of exercises, so left out: ${unknown.join(", ")}.`);
    changed(builder);
    return problems;
  }

  async function copy(builder, text, done) {
    if (!builder.items.length) return say(builder, "Add at least one exercise first.");
    try {
      await navigator.clipboard.writeText(text);
      say(builder, done);
    } catch {
      say(builder, "This browser did not let the page copy: select the link and copy it yourself.");
    }
  }

  // ---- This browser's storage

  function readJson(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  }

  // `null` removes the key; false (and a message) when the browser keeps nothing.
  function storeJson(builder, key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      say(builder, "This browser does not let the page keep this: its storage may be full or turned off. Nothing was changed.");
      return false;
    }
  }

  // ---- Helpers

  function fromTemplate(id) {
    return document.getElementById(id).content.firstElementChild.cloneNode(true);
  }

  function cardTemplate(exerciseId) {
    return document.getElementById(`fai-builder-card-${exerciseId}`).content;
  }

  function say(builder, message) {
    builder.find(".fai-builder__status").textContent = message;
  }

  // A part loaded on demand (builder-custom.js, builder-library.js, builder-qr.js), once it has registered.
  async function part(builder, name) {
    try {
      await window.faiOnDemand(`${builder.root.dataset.scripts}builder-${name}.js`);
    } catch {
      say(builder, "Part of this page could not be loaded. Check the connection, then try again.");
      throw new Error(name);
    }
    return parts()[name];
  }

  // The modules the page loads before this script (handout_builder.html.j2), and the parts it loads on demand.
  const schema = () => window.faiDataSchema;
  const link = () => window.faiProgramLink;
  const words = () => window.faiDoseWords;
  const parts = () => window.faiBuilderParts;

  function startHere() {
    const root = document.querySelector(".fai-builder");
    if (root && !root.dataset.started && window.faiOnDemand && schema() && link() && words()) start(root);
    else if (!root) nameSheet.replaceSync("");
  }

  // Last, once everything above is defined. Material's `document$` brings each page of
  // instant navigation; the offline copy's never emits, so the page also starts itself.
  // Instant navigation may run the modules after this script: each says when it has run.
  window.faiHandoutBuilder = true;
  window.addEventListener("fai-script", startHere);
  if (window.document$) document$.subscribe(startHere);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startHere);
  else startHere();
})();
