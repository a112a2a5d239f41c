// ESLint for the site's own JavaScript (make lint): the recommended rules, in the browser.
// The vendored lean-qr is someone else's code, kept as shipped. The companion's service worker
// is a template (hooks/fai_site/pages/templates/companion_sw.js.j2); `make lint` renders it with
// sample values into .cache/lint/ and it is checked here as a service worker.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["docs/javascripts/vendor/**"] },
  js.configs.recommended,
  {
    files: ["docs/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // Material's `document$` (each page, instant navigation too); lean-qr's `leanQr` (vendored, for the builder).
      globals: { ...globals.browser, document$: "readonly", leanQr: "readonly" },
    },
  },
  {
    // The program link and the data checks run in the page and, for their unit tests, under Node.
    files: ["docs/javascripts/{data-schema,program-link,companion-store,dose-words,program-plan,calendar-file}.js"],
    languageOptions: { globals: { module: "readonly", require: "readonly" } },
  },
  {
    files: ["tests/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
  {
    files: [".cache/lint/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: globals.serviceworker },
  },
];
