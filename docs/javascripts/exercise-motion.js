// Exercise pictures that move (#16). Each exercise page holds its still picture (start and
// end) and, hidden, the same exercise as an SVG animation laid over it. When the reader
// has not asked for less motion, the animation is shown with a Pause button (WCAG 2.2.2);
// under prefers-reduced-motion: reduce it stays hidden and stopped, and the still shows.
// Started through Material's `document$` (instant navigation swaps the page in), and on
// DOMContentLoaded too: the offline copy's `document$` never fires.

const lessMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

function startMotion() {
  for (const figure of document.querySelectorAll(".fai-motion:not([data-motion-ready])")) {
    const player = figure.querySelector(".fai-motion__player");
    const svg = player && player.querySelector("svg");
    const button = player && player.querySelector(".fai-motion__toggle");
    if (!svg || !button || typeof svg.pauseAnimations !== "function") continue;
    figure.setAttribute("data-motion-ready", "");
    let paused = false;
    const show = () => {
      const playing = !lessMotion.matches;
      player.hidden = !playing;
      figure.classList.toggle("fai-motion--playing", playing);
      if (playing && !paused) {
        svg.unpauseAnimations();
      } else {
        svg.pauseAnimations();
      }
    };
    button.addEventListener("click", () => {
      paused = !paused;
      button.textContent = paused ? "Play animation" : "Pause animation";
      show();
    });
    lessMotion.addEventListener("change", show);
    show();
  }
}

if (typeof document$ !== "undefined") {
  document$.subscribe(startMotion);
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startMotion);
} else {
  startMotion();
}
