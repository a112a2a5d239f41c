// Read aloud: a "Read aloud" button reads an exercise's start position, steps and
// precautions with the browser's own speech (speechSynthesis), lighting up the line it is
// reading; pressing it again, or leaving the page, stops it. Only voices that run on this
// device are used (a voice whose `localService` is false may send the text to a server),
// so nothing is sent anywhere; with no such voice for the page's language the buttons stay
// hidden. In "My program" a box also reads each step of the hold timer as it runs.
//
// The page marks what is read, so this file knows no page:
//   <button class="fai-read-aloud__button" data-read="SELECTORS"> reads the elements the
//     selectors match, in page order, inside its nearest [data-read-scope] or <article>;
//     a list item of a numbered list is read with its number;
//   [data-read-live] is read each time its text changes, while a checked
//     [data-read-live-switch] box is on the page.
// Buttons and boxes stay hidden until <html> has the class fai-can-read-aloud (site.css).

(() => {
  "use strict";

  if (window.faiReadAloud) return;
  window.faiReadAloud = true;

  const synth = window.speechSynthesis;
  const READY = "fai-can-read-aloud";
  const LINE = "fai-read-aloud__line--reading";
  // What is being read: its button and lines, or null.
  let reading = null;

  function pageVoice() {
    const language = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
    return synth.getVoices().find((voice) => voice.localService && voice.lang.toLowerCase().split(/[-_]/)[0] === language) ?? null;
  }

  function offerWhenVoiced() {
    const voiced = Boolean(pageVoice());
    document.documentElement.classList.toggle(READY, voiced);
    if (!voiced) stop();
  }

  // A line's words, without a heading's permalink sign.
  function spoken(line) {
    const copy = line.cloneNode(true);
    for (const link of copy.querySelectorAll(".headerlink")) link.remove();
    const text = copy.textContent.replace(/\s+/g, " ").trim();
    const list = line.parentElement;
    if (line.tagName !== "LI" || !list || list.tagName !== "OL") return text;
    return `${[...list.children].indexOf(line) + 1}. ${text}`;
  }

  function utterance(text) {
    const said = new SpeechSynthesisUtterance(text);
    said.voice = pageVoice();
    said.lang = said.voice ? said.voice.lang : document.documentElement.lang;
    return said;
  }

  function read(button) {
    const scope = button.closest("[data-read-scope]") || button.closest("article") || document;
    const lines = [...scope.querySelectorAll(button.dataset.read)].filter((line) => line.textContent.trim());
    if (!lines.length) return;
    stop();
    reading = { button, lines };
    button.setAttribute("aria-pressed", "true");
    button.textContent = "Stop reading";
    lines.forEach((line, index) => {
      const said = utterance(spoken(line));
      said.addEventListener("start", () => {
        if (reading?.button !== button) return;
        for (const other of lines) other.classList.remove(LINE);
        line.classList.add(LINE);
      });
      if (index === lines.length - 1) {
        said.addEventListener("end", () => {
          if (reading?.button === button) stop();
        });
      }
      synth.speak(said);
    });
  }

  function stop() {
    if (!reading) return;
    const { button, lines } = reading;
    reading = null;
    synth.cancel();
    for (const line of lines) line.classList.remove(LINE);
    button.setAttribute("aria-pressed", "false");
    button.textContent = "Read aloud";
  }

  // A timer's step is said at once: it cuts short whatever was being read.
  function sayLive(element) {
    const box = document.querySelector("[data-read-live-switch]");
    const text = element.textContent.trim();
    if (!box?.checked || !text || !document.documentElement.classList.contains(READY)) return;
    stop();
    synth.cancel();
    synth.speak(utterance(text));
  }

  function listen() {
    document.addEventListener("click", (event) => {
      const button = event.target.closest?.(".fai-read-aloud__button");
      if (!button) return;
      if (reading?.button === button) stop();
      else read(button);
    });
    new MutationObserver((changes) => {
      const changed = new Set();
      for (const change of changes) {
        const target = change.target.nodeType === Node.ELEMENT_NODE ? change.target : change.target.parentElement;
        const live = target?.closest("[data-read-live]");
        if (live) changed.add(live);
      }
      changed.forEach(sayLive);
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
    window.addEventListener("pagehide", stop);
    // Instant navigation swaps the page in without unloading: stop what the old page was reading.
    if (window.document$) document$.subscribe(() => stop());
    synth.addEventListener?.("voiceschanged", offerWhenVoiced);
    offerWhenVoiced();
  }

  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", listen);
  else listen();
})();
