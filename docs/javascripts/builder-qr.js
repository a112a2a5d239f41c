// The builder's QR codes: the patient's link as an SVG, on the sheet and beside the link. Drawn
// by lean-qr (vendored, MIT), which this file loads; both come once the program has an exercise.
// A link too long for a code gives none, never a cut one.

(() => {
  "use strict";

  if (window.faiBuilderParts?.qr) return;
  const SVG = "http://www.w3.org/2000/svg";
  const QUIET = 4;
  const lean = window.faiOnDemand(new URL("vendor/lean-qr.js", document.currentScript.src).href);

  // The code for `text`, or null when it holds too much for one.
  async function svg(text) {
    await lean;
    let code;
    try {
      code = leanQr.generate(text, { minCorrectionLevel: leanQr.correction.M });
    } catch {
      return null;
    }
    const size = code.size + 2 * QUIET;
    const drawing = document.createElementNS(SVG, "svg");
    drawing.setAttribute("viewBox", `0 0 ${size} ${size}`);
    drawing.setAttribute("class", "fai-handout__qr-code");
    drawing.setAttribute("role", "img");
    drawing.setAttribute("aria-label", "QR code: opens this program in My program on a phone");
    let path = "";
    for (let row = 0; row < code.size; row += 1) {
      for (let column = 0; column < code.size; column += 1) {
        if (code.get(column, row)) path += `M${column + QUIET} ${row + QUIET}h1v1h-1z`;
      }
    }
    const dark = document.createElementNS(SVG, "path");
    dark.setAttribute("d", path);
    drawing.append(dark);
    return drawing;
  }

  window.faiBuilderParts = { ...window.faiBuilderParts, qr: { svg } };
})();
