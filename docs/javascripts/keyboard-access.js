// Keyboard and screen-reader access that Material leaves out, set up on every page
// (Material's `document$` also fires after instant navigation).

// The header opens the navigation drawer and the search from <label> icons, which the
// keyboard cannot reach and screen readers do not announce as buttons. Each gets a real
// button in its place; the label stays, hidden, and the button clicks it, so Material
// reacts exactly as to a tap on the icon (the search, for one, then focuses its field).
// Instant navigation keeps the header, so a label already hidden has its button.
function headerButtons() {
  for (const label of document.querySelectorAll('label.md-header__button:is([for="__drawer"], [for="__search"]):not([hidden])')) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.dataset.toggle = label.htmlFor;
    button.setAttribute("aria-label", label.htmlFor === "__search" ? "Search" : "Navigation");
    button.append(...label.cloneNode(true).childNodes);
    button.addEventListener("click", () => label.click());
    label.hidden = true;
    label.before(button);
  }
}

// A table wider than a phone scrolls inside its wrapper; the wrapper then needs to take
// focus so keyboard users can scroll it, and a name of its own so screen readers say
// which table it is: its caption, else the heading above it, numbered if repeated.
function scrollableTables() {
  const names = new Set();
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrapper.scrollWidth <= wrapper.clientWidth || wrapper.hasAttribute("tabindex")) continue;
    let name = `Table: ${tableTitle(wrapper)}`;
    for (let count = 2; names.has(name); count++) name = `Table: ${tableTitle(wrapper)} (${count})`;
    names.add(name);
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", name);
  }
}

function tableTitle(wrapper) {
  const caption = wrapper.querySelector("caption");
  if (caption) return caption.textContent.trim();
  for (let element = wrapper.previousElementSibling; element; element = element.previousElementSibling) {
    if (/^H[1-6]$/.test(element.tagName)) return element.textContent.replace("¶", "").trim();
  }
  return "scrolls sideways";
}

document$.subscribe(() => {
  headerButtons();
  scrollableTables();
});
