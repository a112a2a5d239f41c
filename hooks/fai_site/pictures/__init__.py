"""The pictures: an exercise's pose (`catalogue.pose`, the editor's vocabulary) becomes bodies on
the floor (`geometry`, `body`) with their props (`props`), together a scene (`scene`); a still SVG
(`drawing`), in-between bodies and their timing (`motion`), an animated SVG (`animation`), both
drawn with the SVG parts in `svg/` through the templates (`templating`), and a text alternative
(`pose_text`); `pose_guide` draws the vocabulary itself."""
