// Scripts a page needs on some visits only (My program's printed summary and calendar file, the
// builder's own exercises and clinic packs), loaded the first time they are wanted. They come
// from the site itself, as every script does, so the page's policy lets them in, online and
// from a folder alike; each is loaded once, whatever the page of instant navigation.

(() => {
  "use strict";

  if (window.faiOnDemand) return;
  const loading = new Map();

  // A promise of the script at `src`, loaded once.
  function load(src) {
    if (!loading.has(src)) {
      const loaded = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.addEventListener("load", resolve);
        script.addEventListener("error", () => {
          loading.delete(src);
          script.remove();
          reject(new Error(`${src} could not be loaded`));
        });
        document.head.append(script);
      });
      loading.set(src, loaded);
    }
    return loading.get(src);
  }

  window.faiOnDemand = load;
  window.dispatchEvent(new Event("fai-script"));
})();
