// The handout builder (handouts/builder/): a clinician composes a patient's program, prints
// it and shares it as a link, and nothing leaves the device. The catalogue comes from the
// page's JSON data block; the sheet and cards from <template>s drawn with the handouts' own
// partials, filled here with text only. A program lives in the address's #fragment
// (program-link.js) and, if asked, in this browser's storage (read back by data-schema.js);
// the patient's details in neither.

(() => {
  "use strict";

  // The page loads this file itself, so instant navigation runs it again on every visit;
  // the first run's subscription to `document$` (at the end) serves them all.
  if (window.faiHandoutBuilder) return;

  const TEMPLATES_KEY = "fai-handout-builder-templates";
  // The clinic's own details, not the patient's: kept between visits.
  const CLINIC_KEY = "fai-handout-builder-clinic";
  const TIMES = { 1: "once", 2: "twice" };

  // ---- Start

  function start(root) {
    root.dataset.started = "true";
    const data = JSON.parse(document.getElementById("fai-builder-data").textContent);
    // Doses come without the model's defaults, which keeps the data small.
    for (const exercise of data.exercises) exercise.dose = link().checkDose(exercise.dose, data.rules);
    const builder = {
      root,
      data,
      rules: data.rules,
      exercises: new Map(data.exercises.map((exercise) => [exercise.id, exercise])),
      sheet: root.querySelector(".fai-handout"),
      title: data.rules.defaultTitle,
      notes: "",
      items: [], // { exercise, dose, note, editor }, in the program's order
      choices: new Map(), // exercise id → its row in the list to choose from
      find: (selector) => root.querySelector(selector),
    };
    listExercises(builder);
    performance.mark("fai-builder:list-rendered");
    listen(builder);
    prepareSheet(builder);
    loadClinic(builder);
    const problems = loadFromAddress(builder);
    showTemplates(builder);
    if (problems.length) say(builder, problems.join(" "));
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
    on(".fai-builder__patient", "input", () => showPatient(builder));
    on(".fai-builder__clinic", "input", () => saveClinic(builder));
    on(".fai-builder__print", "click", () => printSheet(builder));
    on(".fai-builder__copy", "click", () => copyLink(builder));
    on(".fai-builder__save", "click", () => saveTemplate(builder));
    on(".fai-builder__open", "click", () => openTemplate(builder));
    on(".fai-builder__delete", "click", () => deleteTemplate(builder));
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

  function facts(builder, exercise) {
    const phases = exercise.phases.map((phase) => builder.data.phases[phase]).join(", ");
    return `${phases} · ${builder.data.categories[exercise.category]}`;
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

  function addExercise(builder, exercise) {
    if (builder.items.some((item) => item.exercise === exercise)) return say(builder, `${exercise.name} is already in the program.`);
    if (builder.items.length >= builder.rules.maxExercises) return say(builder, `A handout holds at most ${builder.rules.maxExercises} exercises.`);
    builder.items.push(newItem(builder, exercise, { ...exercise.dose }, ""));
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
    const timed = isTimed(exercise.dose);
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

  // Walking and cycling are dosed in minutes; everything else in sets of reps or holds.
  function isTimed(dose) {
    return dose.duration_minutes != null && dose.reps == null && dose.hold_seconds == null;
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
    showStartLink(builder);
  }

  // "Start this program" opens the patient's companion (program/) with the same fragment.
  function showStartLink(builder) {
    const start = builder.find(".fai-builder__start");
    start.hidden = !builder.items.length;
    start.href = `${start.href.split("#")[0]}#${programCode(builder)}`;
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
    builder.sheet.querySelector(".fai-handout__title").textContent = builder.title;
    builder.sheet.querySelector(".fai-handout__notes-text").textContent = builder.notes;
    builder.sheet.querySelector(".fai-handout__notes").hidden = !builder.notes;
    showQrCode(builder);
    const shared = sharedFrequency(builder);
    builder.sheet.querySelector(".fai-handout__how-often").textContent = shared ? `${capitalized(shared)}.` : builder.data.howOften;
    builder.sheet.querySelector(".fai-handout__exercises").replaceChildren(...builder.items.map((item) => card(item, shared)));
    const rows = builder.sheet.querySelector(".fai-handout__log-table tbody");
    rows.replaceChildren(...builder.items.map(logRow), rows.querySelector(".fai-handout__log-pain"));
  }

  // One frequency for every exercise is said once, under "How often", as on a program's sheet.
  function sharedFrequency(builder) {
    const all = builder.items.map((item) => frequency(item.dose));
    return all.length && all.every((often) => often === all[0]) ? all[0] : null;
  }

  function card({ exercise, dose, note }, shared) {
    const card = cardTemplate(exercise.id).firstElementChild.cloneNode(true);
    card.querySelector(".fai-handout__amount").textContent = amount(dose) + (dose.each_side ? ", each side" : "");
    const often = card.querySelector(".fai-handout__often");
    if (shared) often.remove();
    else often.textContent = capitalized(frequency(dose));
    const noteText = card.querySelector(".fai-handout__note");
    noteText.textContent = note;
    noteText.hidden = !note;
    withMotion(card, exercise);
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

  // ---- The QR code

  // The program's link on the public site (no patient details), drawn here as an SVG; none
  // for a build without a public address, whose codes would open nothing.
  function showQrCode(builder) {
    const box = builder.sheet.querySelector(".fai-handout__qr");
    if (!box || !builder.data.publicUrl || !window.leanQr) return;
    const code = leanQr.generate(`${builder.data.publicUrl}#${programCode(builder)}`, { minCorrectionLevel: leanQr.correction.M });
    box.querySelector(".fai-handout__qr-slot").replaceChildren(qrSvg(code));
    box.hidden = !builder.items.length;
  }

  function qrSvg(code) {
    const size = code.size;
    const quiet = 4;
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", `0 0 ${size + 2 * quiet} ${size + 2 * quiet}`);
    svg.setAttribute("class", "fai-handout__qr-code");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code for this program");
    let path = "";
    for (let row = 0; row < size; row += 1) {
      for (let column = 0; column < size; column += 1) {
        if (code.get(column, row)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`;
      }
    }
    const dark = document.createElementNS("http://www.w3.org/2000/svg", "path");
    dark.setAttribute("d", path);
    svg.append(dark);
    return svg;
  }

  // The same words as fai_site/catalogue/dosage_text.py; a browser test holds the two together.
  function amount(dose) {
    if (isTimed(dose)) return `${dose.duration_minutes} minutes`;
    const rounds = plural(dose.sets || 1, "set");
    if (dose.reps != null && dose.hold_seconds != null) return `${rounds} of ${dose.reps}, holding each for ${plural(dose.hold_seconds, "second")}`;
    if (dose.reps != null) return `${rounds} of ${dose.reps}`;
    return `${plural(dose.sets || 1, "hold")} of ${plural(dose.hold_seconds || 0, "second")}`;
  }

  function frequency(dose) {
    const perDay = `${TIMES[dose.times_per_day] ?? `${dose.times_per_day} times`} a day`;
    const perWeek = dose.days_per_week === 7 ? "every day" : `${plural(dose.days_per_week, "day")} a week`;
    return `${perDay}, ${perWeek}`;
  }

  function plural(count, noun) {
    return count === 1 ? `${count} ${noun}` : `${count} ${noun}s`;
  }

  // As Jinja's `capitalize`, which the handouts use.
  function capitalized(text) {
    return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  }

  function printSheet(builder) {
    if (!builder.items.length) return say(builder, "Add at least one exercise before printing.");
    window.print();
  }

  // ---- Links: the program in the address

  function programCode(builder) {
    return link().write({ title: builder.title, notes: builder.notes, items: builder.items.map(({ exercise, dose, note }) => ({ id: exercise.id, dose, note })) }, builder.rules);
  }

  // `?exercises=a,b,c` (links from other pages) or a program in the fragment; then the fragment alone.
  function loadFromAddress(builder) {
    const listed = new URLSearchParams(location.search).get("exercises");
    if (listed !== null) return loadProgram(builder, link().readList(listed, builder.rules));
    const read = link().read(location.hash.slice(1), builder.rules);
    return read ? loadProgram(builder, read) : [];
  }

  // Replaces the program; returns what could not be loaded, in words, so nothing is dropped silently.
  function loadProgram(builder, read) {
    for (const item of builder.items) item.editor.remove();
    builder.items = [];
    builder.title = read.title;
    builder.notes = read.notes;
    builder.find(".fai-builder__title").value = builder.title;
    builder.find(".fai-builder__notes").value = builder.notes;
    const unknown = [];
    const problems = [];
    for (const entry of read.items) {
      const exercise = builder.exercises.get(entry.id);
      if (!exercise) unknown.push(`“${entry.id}”`);
      else builder.items.push(newItem(builder, exercise, entry.dose ?? { ...exercise.dose }, entry.note));
    }
    const max = builder.rules.maxExercises;
    for (const { kind, id, count } of read.problems) {
      const name = builder.exercises.get(id)?.name ?? id;
      if (kind === "id") unknown.push(`“${id}”`);
      if (kind === "dose" && builder.exercises.has(id)) problems.push(`The dose for ${name} could not be read, so it has its usual dose.`);
      if (kind === "twice") problems.push(`${name} was listed twice; it is in the program once.`);
      if (kind === "too-many") problems.push(`The link named ${count} exercises; a handout holds ${max}, so only the first ${max} were loaded.`);
      if (kind === "too-long") problems.push("This link is too long to be a program from this site, so nothing was loaded.");
    }
    if (unknown.length) problems.unshift(`Not in the site's list of exercises, so left out: ${unknown.join(", ")}.`);
    changed(builder);
    return problems;
  }

  async function copyLink(builder) {
    try {
      await navigator.clipboard.writeText(location.href);
      say(builder, "Link copied. It holds the exercises, doses and notes, not the patient's details.");
    } catch {
      say(builder, "Copy the address from your browser's address bar: it holds the program.");
    }
  }

  // ---- Templates on this device

  // Template names → program links, as kept; whatever else storage holds is left out.
  function storedTemplates(builder) {
    const shape = { map: { text: builder.rules.linkMaxLength }, key: builder.rules.titleMaxLength, max: builder.data.maxTemplates };
    return schema().check(readJson(TEMPLATES_KEY), shape) ?? schema().emptyMap();
  }

  function readJson(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  }

  function storeTemplates(builder, templates) {
    try {
      localStorage.setItem(TEMPLATES_KEY, JSON.stringify(templates));
      return true;
    } catch {
      say(builder, "This browser does not let the page keep templates.");
      return false;
    }
  }

  function showTemplates(builder, chosen) {
    const names = Object.keys(storedTemplates(builder)).sort((a, b) => a.localeCompare(b));
    const options = names.map((name) => new Option(name, name, false, name === chosen));
    builder.find(".fai-builder__templates").replaceChildren(...(options.length ? options : [new Option("None saved yet", "")]));
  }

  function saveTemplate(builder) {
    const name = schema().text(builder.find(".fai-builder__template-name").value, builder.rules.titleMaxLength);
    if (!name) return say(builder, "Give the template a name first.");
    if (!builder.items.length) return say(builder, "Add exercises before saving a template.");
    const templates = storedTemplates(builder);
    if (!Object.hasOwn(templates, name) && Object.keys(templates).length >= builder.data.maxTemplates) return say(builder, `This browser keeps up to ${builder.data.maxTemplates} templates: delete one first.`);
    templates[name] = programCode(builder);
    if (!storeTemplates(builder, templates)) return;
    showTemplates(builder, name);
    say(builder, `Template “${name}” saved in this browser, without the patient's details.`);
  }

  function openTemplate(builder) {
    const name = builder.find(".fai-builder__templates").value;
    const code = schema().own(storedTemplates(builder), name);
    const read = code === undefined ? null : link().read(code, builder.rules);
    if (!read) return say(builder, "No template chosen.");
    say(builder, [`Template “${name}” opened.`, ...loadProgram(builder, read)].join(" "));
  }

  function deleteTemplate(builder) {
    const name = builder.find(".fai-builder__templates").value;
    const templates = storedTemplates(builder);
    if (!Object.hasOwn(templates, name)) return say(builder, "No template chosen.");
    delete templates[name];
    if (!storeTemplates(builder, templates)) return;
    showTemplates(builder);
    say(builder, `Template “${name}” deleted.`);
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

  // The modules the page loads before this script (handout_builder.html.j2).
  const schema = () => window.faiDataSchema;
  const link = () => window.faiProgramLink;

  function startHere() {
    const root = document.querySelector(".fai-builder");
    if (root && !root.dataset.started && schema() && link()) start(root);
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
