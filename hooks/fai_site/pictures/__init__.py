"""The pictures: an exercise's pose (`catalogue.pose`, the editor's vocabulary) becomes a body (`figure`),
a still SVG (`drawing`), in-between bodies and their timing (`motion`), an animated SVG
(`animation`) and a text alternative (`pose_text`); `pose_guide` draws the vocabulary itself."""
