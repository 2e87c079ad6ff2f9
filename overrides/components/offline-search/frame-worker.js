// Search from a USB stick: opened from disk (file://), browsers refuse to start the theme's
// search worker. There, run the worker's script in a hidden frame of this site's own instead
// (frame.html), talking over a MessageChannel. Nothing inline, so the site's
// Content-Security-Policy holds. Only pages opened from disk fetch this file: the theme's
// loader (components/theme-script) runs it just before the theme's script.
(function () {
  if (location.protocol !== "file:") return;
  var frameUrl = new URL("frame.html", document.currentScript.src).href;

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      var worker = this;
      var channel = new MessageChannel();
      this.onmessage = null;
      this.onerror = null;
      this.port = channel.port1;
      this.port.onmessage = function (event) {
        var message = new MessageEvent("message", { data: event.data });
        worker.dispatchEvent(message);
        if (worker.onmessage) worker.onmessage(message);
      };
      var frame = (this.frame = document.createElement("iframe"));
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      frame.src = frameUrl;
      frame.addEventListener(
        "load",
        function () {
          var script = new URL(url, location.href).href;
          frame.contentWindow.postMessage({ sitegenWorker: script }, "*", [channel.port2]);
        },
        { once: true }
      );
      document.body.appendChild(frame);
    }
    // Messages wait in the channel until the frame has loaded the worker's script.
    postMessage(data) {
      this.port.postMessage(data);
    }
    terminate() {
      this.port.close();
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
