/*
 * Compatibility page embed (docs/embeds.md). One line on any site:
 *   <script src="https://{org host}/embed.js" data-page="{slug}" async></script>
 * Optional: data-path="a/b" (or repeated with |), data-source + data-target (one pair),
 * data-theme="light|dark|auto", data-title. Mounts an iframe after the script tag and keeps its
 * height equal to the embed's content (the embed posts "compat-embed:height").
 */
(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = script.src.replace(/\/embed\.js(?:[?#].*)?$/, "");
  var d = script.dataset;
  if (!d.page) {
    console.error("embed.js: data-page (the page's slug) is required");
    return;
  }
  var q = new URLSearchParams();
  if (d.path) d.path.split("|").forEach(function (p) { if (p) q.append("path", p); });
  if (d.source) q.set("source", d.source);
  if (d.target) q.set("target", d.target);
  if (d.theme) q.set("theme", d.theme);
  var frame = document.createElement("iframe");
  frame.src = base + "/embed/" + encodeURIComponent(d.page) + (q.toString() ? "?" + q.toString() : "");
  frame.title = d.title || "Compatibility checker";
  frame.loading = "lazy";
  frame.setAttribute("data-compat-embed", d.page);
  frame.style.cssText = "width:100%;border:0;display:block;height:240px;color-scheme:normal";
  var origin = new URL(base).origin;
  window.addEventListener("message", function (e) {
    if (e.source !== frame.contentWindow || e.origin !== origin) return;
    var m = e.data;
    if (m && m.type === "compat-embed:height" && typeof m.height === "number" && m.height > 0 && m.height < 100000) {
      frame.style.height = Math.ceil(m.height) + "px";
    }
  });
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
