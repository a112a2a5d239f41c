// The handout page's Print button: it needs JavaScript, so it stays hidden until this
// runs. Material's `document$` fires on every page, instant navigation included.
document$.subscribe(() => {
  for (const button of document.querySelectorAll(".fai-handout-actions__print")) {
    button.addEventListener("click", () => window.print());
    button.hidden = false;
  }
});
