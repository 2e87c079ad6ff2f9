// The inside of offline-search's hidden frame: it runs a worker's script as if in a worker.
// The page sends one message with the script's address and a MessagePort; after that, the
// script's postMessage() goes to that port, and what arrives on the port reaches the script's
// "message" listeners. importScripts() loads scripts in order, relative to the worker's address.
(function () {
  var page = window.parent;
  // The theme's worker looks for a "parent" to detect another shim; it must find none.
  window.parent = window;

  function load(urls) {
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          script.onerror = function () { reject(new Error("could not load " + url)); };
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  function start(event) {
    if (event.source !== page || !event.data || typeof event.data.sitegenWorker !== "string") return;
    if (!event.ports.length) return;
    window.removeEventListener("message", start);
    var port = event.ports[0];
    var base = event.data.sitegenWorker;
    window.postMessage = function (data) { port.postMessage(data); };
    window.importScripts = function () {
      return load(Array.prototype.map.call(arguments, function (url) { return new URL(url, base).href; }));
    };
    load([base]).then(function () {
      port.onmessage = function (message) {
        window.dispatchEvent(new MessageEvent("message", { data: message.data }));
      };
    });
  }

  window.addEventListener("message", start);
})();
