// The builder's own exercises, loaded when first wanted: a clinician writes an exercise the site
// does not have (its name, steps, precautions and usual dose, and a base position for its picture
// or none), keeps it in this browser, and adds it to a program, whose link then carries it whole
// (program-link.js `checkCustom`). Its card prints like the others', marked as the clinic's own.

(() => {
  "use strict";

  if (window.faiBuilderParts?.custom) return;
  const KEY = "fai-handout-builder-own";

  // An exercise as the builder holds it, whose id starts with `~`.
  function exercise(id, custom, dose = null) {
    return { id, name: custom.name, custom, dose, phases: [], category: "" };
  }

  // The card, as the handouts' partial draws the site's: picture, name, the clinic's mark, steps, precautions.
  function card({ custom }) {
    const template = document.getElementById("fai-builder-card-custom");
    const card = template.content.firstElementChild.cloneNode(true);
    const picture = card.querySelector(".fai-handout__picture");
    if (custom.base) {
      const image = picture.querySelector("img");
      image.src = `${template.dataset.pictures}${custom.base}.svg`;
      image.alt = `Start position: ${baseWords(custom.base)}.`;
      card.classList.add("fai-handout__exercise--pictured", "fai-handout__exercise--across-1");
    } else picture.remove();
    card.querySelector(".fai-handout__name").textContent = custom.name;
    card.querySelector(".fai-handout__steps").replaceChildren(...custom.steps.map((line) => item(line)));
    card.querySelector(".fai-handout__precautions").replaceChildren(...custom.care.map((line) => item(line, "Take care:")));
    return card;
  }

  function item(text, label) {
    const element = document.createElement("li");
    if (label) {
      const strong = document.createElement("strong");
      strong.textContent = label;
      element.append(strong, " ");
    }
    element.append(text);
    return element;
  }

  // The base position's words, as the form lists them.
  function baseWords(base) {
    const option = document.querySelector(`.fai-builder__own-form option[value="${base}"]`);
    return option ? option.textContent.replace(/^Start position: /, "").toLowerCase() : base;
  }

  // ---- Kept in this browser: id → { custom, dose }

  function shape(api) {
    const rules = api.builder.rules;
    const entry = {
      fields: {
        custom: { check: (value) => link().checkCustom(value, rules) ?? undefined },
        dose: { check: (value) => link().checkDose(value, rules) ?? undefined },
      },
    };
    return { map: entry, key: { test: (key) => link().isCustomId(key, rules) }, max: api.builder.data.maxCustom };
  }

  function stored(api) {
    return schema().check(api.readJson(KEY), shape(api)) ?? schema().emptyMap();
  }

  // ---- The form and the list

  function open(api) {
    const root = api.builder.root;
    const form = root.querySelector(".fai-builder__own-form");
    if (!form.dataset.ready) {
      form.dataset.ready = "true";
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        save(api, form);
      });
      root.querySelector(".fai-builder__own-clear").addEventListener("click", () => form.reset());
    }
    showList(api);
  }

  function showList(api) {
    const list = api.builder.root.querySelector(".fai-builder__own-list");
    const kept = stored(api);
    const rows = Object.entries(kept).map(([id, { custom, dose }]) => {
      const row = document.createElement("p");
      row.className = "fai-builder__buttons";
      const name = document.createElement("span");
      name.textContent = custom.name;
      row.append(name, button(`Add ${custom.name}`, "Add", () => api.add(exercise(id, custom, dose), dose)), button(`Delete ${custom.name}`, "Delete", () => remove(api, id)));
      return row;
    });
    list.replaceChildren(...rows);
  }

  function button(label, text, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "fai-builder__add";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", action);
    return element;
  }

  // The form's exercise, checked as a link would check it: a precaution at least, and a dose the model allows.
  function save(api, form) {
    const rules = api.builder.rules;
    const lines = (name) => form.elements[name].value.split("\n").map((line) => line.trim()).filter(Boolean);
    const custom = link().checkCustom({ name: form.elements.name.value, base: form.elements.base.value, steps: lines("steps"), care: lines("care") }, rules);
    const dose = {};
    for (const field of rules.doseFields) {
      const input = form.elements[field.name];
      if (input.type === "checkbox") dose[field.name] = input.checked;
      else if (input.value.trim() !== "") dose[field.name] = Number(input.value);
    }
    const checked = link().checkDose(dose, rules);
    if (!custom) return api.say(`Give a name, 1 to ${rules.custom.maxSteps} steps and 1 to ${rules.custom.maxCare} precautions, one a line. Every exercise on a sheet says what to take care of.`);
    if (!checked) return api.say(`The dose: ${link().doseProblem(dose) ?? "each number within its limits"}.`);
    const kept = stored(api);
    if (Object.keys(kept).length >= api.builder.data.maxCustom) return api.say(`This browser keeps up to ${api.builder.data.maxCustom} exercises of your own: delete one first.`);
    const id = freeId(kept, custom.name, rules);
    kept[id] = { custom, dose: checked };
    if (!api.storeJson(KEY, kept)) return;
    form.reset();
    showList(api);
    api.add(exercise(id, custom, checked), checked);
  }

  // `~` and the name as a slug, unique among the kept ones.
  function freeId(kept, name, rules) {
    const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, rules.custom.idMaxLength - 4).replace(/-+$/, "") || "own";
    let id = `${rules.custom.mark}${base}`;
    for (let number = 2; Object.hasOwn(kept, id); number += 1) id = `${rules.custom.mark}${base}-${number}`;
    return id;
  }

  function remove(api, id) {
    const kept = stored(api);
    const name = kept[id]?.custom.name ?? id;
    delete kept[id];
    if (!api.storeJson(KEY, kept)) return;
    showList(api);
    api.say(`“${name}” deleted from this browser. A program that has it keeps it.`);
  }

  const schema = () => window.faiDataSchema;
  const link = () => window.faiProgramLink;

  window.faiBuilderParts = { ...window.faiBuilderParts, custom: { exercise, card, open, stored, shape, KEY } };
})();
