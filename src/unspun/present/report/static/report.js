/* unspun report: filters, paragraph panels and the mark inspector. No network, no eval, no innerHTML. */
(function () {
  "use strict";
  var root = document.getElementById("main");
  var legend = document.getElementById("legend");
  var inspector = document.getElementById("inspector");
  var details = {};
  try { details = JSON.parse(document.getElementById("marks-data").textContent || "{}"); } catch (e) { details = {}; }

  function boxes(kind) {
    return Array.prototype.slice.call(legend.querySelectorAll('input[data-filter="' + kind + '"]'));
  }
  function enabled(kind) {
    var on = {};
    boxes(kind).forEach(function (b) { on[b.value] = b.checked; });
    return on;
  }

  /* A technique highlight shows when both its category and its technique are ticked. */
  function applyFilters() {
    var cats = enabled("cat"), techs = enabled("tech");
    root.querySelectorAll(".mk.tech, .chip.tech").forEach(function (el) {
      var c = el.getAttribute("data-c"), t = el.getAttribute("data-t");
      var show = cats[c] !== false && techs[t] !== false;
      el.classList.toggle("off", !show);
    });
    boxes("kind").forEach(function (b) {
      root.classList.toggle("hide-" + b.value, !b.checked);
      if (b.value === "actor" || b.value === "ent") {
        root.querySelectorAll(".mk." + b.value + "[tabindex]").forEach(function (el) {
          el.setAttribute("tabindex", b.checked ? "0" : "-1");
        });
      }
    });
  }
  legend.addEventListener("change", function (ev) {
    if (ev.target && ev.target.matches("input[data-filter]")) { applyFilters(); }
  });
  legend.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("button[data-bulk]") : null;
    if (!btn) { return; }
    var on = btn.getAttribute("data-bulk") === "on";
    boxes("cat").concat(boxes("tech")).forEach(function (b) { b.checked = on; });
    applyFilters();
  });

  /* Paragraph panels: a disclosure button per paragraph (Enter or Space, as any button). */
  root.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("button.ptoggle") : null;
    if (!btn) { return; }
    var panel = document.getElementById(btn.getAttribute("aria-controls"));
    if (!panel) { return; }
    var open = btn.getAttribute("aria-expanded") !== "true";
    btn.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
  });

  /* The inspector lists every mark under the pointer or the focused mark, innermost first. */
  function inspect(el) {
    var lines = [];
    function add(node) {
      if (node.classList && node.classList.contains("mk") && !node.classList.contains("off")) {
        var text = details[node.getAttribute("data-m")];
        if (text && lines.indexOf(text) < 0) { lines.push(text); }
      }
    }
    if (el && el.querySelectorAll) {  /* a focused mark: the marks nested inside it cover the same words */
      Array.prototype.slice.call(el.querySelectorAll(".mk")).reverse().forEach(add);
    }
    for (var node = el; node && node !== root; node = node.parentElement) { add(node); }
    while (inspector.firstChild) { inspector.removeChild(inspector.firstChild); }
    if (!lines.length) { inspector.hidden = true; return; }
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    inspector.appendChild(list);
    inspector.hidden = false;
  }
  var body = document.getElementById("body-text");
  if (body) {
    body.addEventListener("mouseover", function (ev) { inspect(ev.target); });
    body.addEventListener("focusin", function (ev) { inspect(ev.target); });
    body.addEventListener("mouseleave", function () { inspect(null); });
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { inspect(null); }
  });
  applyFilters();
})();
