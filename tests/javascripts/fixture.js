// What the unit tests read from the Python side: the rules the pages carry (the catalogue
// model's limits) and every program of the real catalogue as its handout links it. The
// pytest runner (test_units.py) writes them to a file named by FAI_JS_FIXTURE; run
// alone, `node --test tests/javascripts/` asks the project's Python for them.

"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");

function load() {
  if (process.env.FAI_JS_FIXTURE) return JSON.parse(fs.readFileSync(process.env.FAI_JS_FIXTURE, "utf8"));
  const python = path.join(ROOT, ".venv", "bin", "python");
  const made = execFileSync(python, [path.join(__dirname, "js_fixture.py")], { cwd: ROOT, env: { ...process.env, PYTHONPATH: path.join(ROOT, "hooks") } });
  return JSON.parse(made);
}

module.exports = load();
