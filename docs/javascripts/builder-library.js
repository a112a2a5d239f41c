// The builder's library, loaded when first wanted: templates saved, opened and deleted in this
// browser; a clinic pack, the templates and the clinic's own exercises as one file to take to
// another computer (checked as everything read back is, by data-schema.js, and added only: a
// name or an exercise already here is never replaced); and the clinic's logo, kept here too.

(() => {
  "use strict";

  if (window.faiBuilderParts?.library) return;
  const FORMAT = "fai-clinic-pack/1";
  // A pack bigger than this could not be kept in a browser's storage.
  const MAX_PACK_BYTES = 5 * 1024 * 1024;
  let pending = null;

  // What the builder shows at its start when this browser keeps templates or a logo.
  function show(api) {
    showTemplates(api);
    showLogo(api);
  }

  // ---- Templates

  // Template names → program links, as kept; whatever else storage holds is left out.
  function storedTemplates(api) {
    const rules = api.builder.rules;
    const longest = rules.linkMaxLength + rules.maxExercises * (rules.custom.linkMaxLength + 1);
    const shape = { map: { text: longest }, key: rules.titleMaxLength, max: api.builder.data.maxTemplates };
    return schema().check(api.readJson(api.TEMPLATES_KEY), shape) ?? schema().emptyMap();
  }

  function showTemplates(api, chosen) {
    const names = Object.keys(storedTemplates(api)).sort((a, b) => a.localeCompare(b));
    const options = names.map((name) => new Option(name, name, false, name === chosen));
    api.builder.find(".fai-builder__templates").replaceChildren(...(options.length ? options : [new Option("None saved yet", "")]));
  }

  function save(api) {
    const { builder } = api;
    const name = schema().text(builder.find(".fai-builder__template-name").value, builder.rules.titleMaxLength);
    if (!name) return api.say("Give the template a name first.");
    if (!builder.items.length) return api.say("Add exercises before saving a template.");
    const templates = storedTemplates(api);
    if (!Object.hasOwn(templates, name) && Object.keys(templates).length >= builder.data.maxTemplates) return api.say(`This browser keeps up to ${builder.data.maxTemplates} templates: delete one first.`);
    templates[name] = api.code();
    if (!api.storeJson(api.TEMPLATES_KEY, templates)) return;
    showTemplates(api, name);
    api.say(`Template “${name}” saved in this browser, without the patient's details.`);
  }

  async function open(api) {
    const name = api.builder.find(".fai-builder__templates").value;
    const code = schema().own(storedTemplates(api), name);
    const read = code === undefined ? null : link().read(code, api.builder.rules);
    if (!read || read.reference !== undefined) return api.say("No template chosen.");
    api.say([`Template “${name}” opened.`, ...(await api.load(read))].join(" "));
  }

  function remove(api) {
    const name = api.builder.find(".fai-builder__templates").value;
    const templates = storedTemplates(api);
    if (!Object.hasOwn(templates, name)) return api.say("No template chosen.");
    delete templates[name];
    if (!api.storeJson(api.TEMPLATES_KEY, templates)) return;
    showTemplates(api);
    api.say(`Template “${name}” deleted.`);
  }

  // ---- Clinic packs

  async function savePack(api) {
    const custom = await own(api);
    const pack = { format: FORMAT, templates: storedTemplates(api), exercises: custom.stored(api), saved: new Date().toISOString() };
    const count = Object.keys(pack.templates).length + Object.keys(pack.exercises).length;
    if (!count) return api.say("There are no templates or exercises of your own in this browser yet.");
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(new Blob([JSON.stringify(pack, null, 2)], { type: "application/json" }));
    anchor.download = `clinic-pack-${pack.saved.slice(0, 10)}.json`;
    anchor.hidden = true;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
    api.say(`The clinic pack was saved as a file: ${Object.keys(pack.templates).length} templates and ${Object.keys(pack.exercises).length} exercises of your own.`);
  }

  // A pack is read and checked, and shown before anything changes; a bad file changes nothing.
  async function loadPack(api, input) {
    const file = input.files[0];
    input.value = "";
    cancelPack(api);
    if (!file) return;
    if (file.size > MAX_PACK_BYTES) return api.say("This file is too big to be a clinic pack. Nothing was changed.");
    const custom = await own(api);
    let value;
    try {
      value = JSON.parse(await file.text());
    } catch {
      value = null;
    }
    if (schema().own(value, "format") !== FORMAT) return api.say("This file is not a clinic pack saved by this page. Nothing was changed.");
    const rules = api.builder.rules;
    const problems = [];
    const templates = schema().check(schema().own(value, "templates") ?? {}, { map: { check: (code) => (readable(code, rules) ? code : undefined) }, key: rules.titleMaxLength, max: api.builder.data.maxTemplates }, problems) ?? schema().emptyMap();
    const exercises = schema().check(schema().own(value, "exercises") ?? {}, custom.shape(api), problems) ?? schema().emptyMap();
    pending = merge(api, custom, templates, exercises);
    const added = Object.keys(pending.newTemplates).length + Object.keys(pending.newExercises).length;
    const skipped = problems.length ? ` ${problems.length} ${problems.length === 1 ? "part" : "parts"} could not be read and will be left out.` : "";
    const preview = api.builder.find(".fai-builder__pack-preview");
    preview.querySelector(".fai-builder__pack-text").textContent = `This pack holds ${Object.keys(templates).length} templates and ${Object.keys(exercises).length} exercises of your own. ${added ? `${Object.keys(pending.newTemplates).length} templates and ${Object.keys(pending.newExercises).length} exercises are new to this browser; adding them changes nothing already here.` : "Everything in it is already in this browser."}${skipped}`;
    preview.querySelector(".fai-builder__pack-add").hidden = !added;
    preview.hidden = false;
    preview.querySelector(".fai-builder__pack-text").focus();
  }

  function readable(code, rules) {
    const read = typeof code === "string" ? link().read(code, rules) : null;
    return Boolean(read && read.items && !read.problems.some((problem) => problem.kind === "too-long"));
  }

  // What the pack adds: a template or an exercise already here stays; another under a name in use joins renamed.
  function merge(api, custom, templates, exercises) {
    const here = storedTemplates(api);
    const newTemplates = schema().emptyMap();
    for (const [name, code] of Object.entries(templates)) {
      if (Object.values(here).includes(code) || Object.values(newTemplates).includes(code)) continue;
      let free = name;
      for (let number = 2; Object.hasOwn(here, free) || Object.hasOwn(newTemplates, free); number += 1) free = `${name.slice(0, api.builder.rules.titleMaxLength - 6)} (${number})`;
      newTemplates[free] = code;
    }
    const kept = custom.stored(api);
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const newExercises = schema().emptyMap();
    for (const [id, entry] of Object.entries(exercises)) {
      if (Object.values(kept).some((other) => same(other, entry))) continue;
      let free = id;
      for (let number = 2; Object.hasOwn(kept, free) || Object.hasOwn(newExercises, free); number += 1) free = `${id.slice(0, api.builder.rules.custom.idMaxLength - 3)}-${number}`;
      newExercises[free] = entry;
    }
    return { newTemplates, newExercises };
  }

  async function addPack(api) {
    if (!pending) return;
    const custom = await own(api);
    const templates = Object.assign(storedTemplates(api), pending.newTemplates);
    const exercises = Object.assign(custom.stored(api), pending.newExercises);
    const maxTemplates = api.builder.data.maxTemplates;
    if (Object.keys(templates).length > maxTemplates || Object.keys(exercises).length > api.builder.data.maxCustom) return api.say(`With this pack, this browser would keep more than ${maxTemplates} templates or ${api.builder.data.maxCustom} exercises. Nothing was changed.`);
    const before = api.readJson(api.TEMPLATES_KEY);
    if (!api.storeJson(api.TEMPLATES_KEY, templates)) return;
    if (!api.storeJson(custom.KEY, exercises)) {
      api.storeJson(api.TEMPLATES_KEY, before);
      return;
    }
    const counts = `${Object.keys(pending.newTemplates).length} templates and ${Object.keys(pending.newExercises).length} exercises`;
    cancelPack(api);
    showTemplates(api);
    if (api.builder.find(".fai-builder__own").open) custom.open(api);
    api.say(`The clinic pack's ${counts} were added to this browser.`);
  }

  function cancelPack(api) {
    pending = null;
    api.builder.find(".fai-builder__pack-preview").hidden = true;
  }

  function own(api) {
    return window.faiOnDemand(`${api.builder.root.dataset.scripts}builder-custom.js`).then(() => window.faiBuilderParts.custom);
  }

  // ---- The clinic's logo

  function chooseLogo(api, input) {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    const { maxBytes, types } = api.builder.data.logo;
    if (!types.includes(file.type)) return api.say("Choose a PNG, JPEG or WebP picture for the logo.");
    if (file.size > maxBytes) return api.say(`This picture is too big for a logo (${Math.ceil(file.size / 1024)} KB; up to ${maxBytes / 1024} KB).`);
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      if (!api.storeJson(api.LOGO_KEY, reader.result)) return;
      showLogo(api);
      api.say("The logo is on the sheet, and kept in this browser.");
    });
    reader.readAsDataURL(file);
  }

  // The logo chosen in this builder, else the site's (`extra.clinic`), else none.
  function showLogo(api) {
    const logo = api.builder.sheet.querySelector(".fai-handout__logo");
    if (!logo) return;
    const chosen = schema().check(api.readJson(api.LOGO_KEY), { check: (value) => (typeof value === "string" && /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(value) ? value : undefined) });
    logo.dataset.site ??= logo.getAttribute("src") ?? "";
    if (chosen) logo.src = chosen;
    else if (logo.dataset.site) logo.src = logo.dataset.site;
    else logo.removeAttribute("src");
    logo.hidden = !logo.getAttribute("src");
    logo.alt = logo.hidden ? "" : `${api.builder.sheet.querySelector(".fai-handout__clinic-name").textContent} logo`;
    api.builder.find(".fai-builder__logo-remove").hidden = !chosen;
  }

  function removeLogo(api) {
    if (!api.storeJson(api.LOGO_KEY, null)) return;
    showLogo(api);
    api.say("The logo chosen here was removed.");
  }

  const schema = () => window.faiDataSchema;
  const link = () => window.faiProgramLink;

  window.faiBuilderParts = { ...window.faiBuilderParts, library: { show, save, open, remove, savePack, loadPack, addPack, cancelPack, chooseLogo, removeLogo } };
})();
