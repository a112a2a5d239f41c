// The handout page's Print button: it needs JavaScript, so it stays hidden until this
// runs. Only the handout pages load this file, from their content (overrides/handout.html),
// so instant navigation runs it again on each visit to one: each button is set up once.
(() => {
  "use strict";

  for (const button of document.querySelectorAll(".fai-handout-actions__print:not([data-fai-print])")) {
    button.dataset.faiPrint = "";
    button.addEventListener("click", () => window.print());
    button.hidden = false;
  }
})();
