"""The SVG side of a picture: elements and numbers (`elements`), colours and sizes (`style`),
where frames go in the panel (`layout`), and the body, the props and the arrows drawn as
elements (`body`, `props`, `arrows`). `drawing` and `animation` put them together."""
