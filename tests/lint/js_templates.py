"""`make lint`: the JavaScript templates rendered with sample values, so ESLint checks the code they write.

    python tests/lint/js_templates.py OUT    # writes OUT/<template without .j2> for every *.js.j2

A template with no sample here stops the lint, so a new one cannot go unchecked.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from fai_site.pages import templating

# What each template is rendered with: values of the shape the build gives it.
SAMPLES: dict[str, dict[str, Any]] = {
    "companion_sw.js.j2": {
        "version": "0123456789ab",
        "keep": json.dumps(["./", "../javascripts/companion.js", "../illustrations/glute-bridge.svg", "manifest.json"]),
    },
}


def main(out: Path) -> int:
    templates = sorted(templating.TEMPLATES.rglob("*.js.j2"))
    missing = [template.name for template in templates if template.name not in SAMPLES]
    if missing:
        print(f"{', '.join(missing)}: add sample values to {__file__}, so ESLint checks it", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for template in templates:
        (out / template.name.removesuffix(".j2")).write_text(
            templating.render(template.name, **SAMPLES[template.name]), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
