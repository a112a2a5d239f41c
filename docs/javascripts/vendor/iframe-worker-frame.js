/*! iframe-worker 1.0.4 (the frame's setup) | MIT licence | Copyright (c) 2020-2022 Martin Donath | https://github.com/squidfunk/iframe-worker
 * What the shim (iframe-worker-shim.js) once wrote inline into its frame, as a file, so the
 * pages' Content-Security-Policy allows it: inside the frame that stands in for a Web Worker,
 * postMessage answers the page, importScripts loads scripts in turn, and errors reach the page. */
"use strict";
(() => {
  const url = document.currentScript.dataset.url;
  window.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  window.importScripts = (...urls) =>
    urls.reduce(
      (done, src) =>
        done.then(
          () =>
            new Promise((resolve) => {
              const script = document.createElement("script");
              script.src = src;
              script.onload = resolve;
              document.body.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error }));
  });
})();
