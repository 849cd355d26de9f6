/* incidentmap report: sortable, filterable incident table. Plain DOM, no library, no markup built from
   data (rows are moved and hidden, never rewritten), so untrusted article text stays text. */
(function () {
  "use strict";
  function init(root) {
    var table = root.querySelector("table.imr-table");
    if (!table) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.hasAttribute("data-type"); });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var text = root.querySelector(".imr-filter-text");
    var type = root.querySelector(".imr-filter-type");
    var zone = root.querySelector(".imr-filter-zone");
    var count = root.querySelector(".imr-count");
    var haystack = rows.map(function (r) { return r.textContent.toLowerCase(); });

    function key(row, index, kind) {
      var cell = row.cells[index];
      var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
      if (kind === "num") { var n = parseFloat(value); return isNaN(n) ? -Infinity : n; }
      return value.toLowerCase();
    }

    heads.forEach(function (th, index) {
      var kind = th.getAttribute("data-kind");
      if (kind === "none") { return; }
      th.tabIndex = 0;
      th.classList.add("imr-sortable");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var order = rows.map(function (row, n) { return { row: row, key: key(row, index, kind), n: n }; });
        order.sort(function (a, b) {
          if (a.key < b.key) { return ascending ? -1 : 1; }
          if (a.key > b.key) { return ascending ? 1 : -1; }
          return a.n - b.n;
        });
        order.forEach(function (item) { body.appendChild(item.row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });

    function filter() {
      var words = (text && text.value || "").toLowerCase().split(/\s+/).filter(Boolean);
      var wantType = type ? type.value : "";
      var wantZone = zone ? zone.value : "";
      var shown = 0;
      rows.forEach(function (row, n) {
        var ok = (!wantType || row.getAttribute("data-type") === wantType) &&
          (!wantZone || row.getAttribute("data-zones").split("\u001f").indexOf(wantZone) >= 0) &&
          words.every(function (w) { return haystack[n].indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " events shown"; }
    }
    [text, type, zone].forEach(function (control) {
      if (control) { control.addEventListener("input", filter); control.addEventListener("change", filter); }
    });
    root.setAttribute("data-imr-ready", String(rows.length));
  }
  var sections = document.querySelectorAll("#incidents");
  for (var i = 0; i < sections.length; i++) { init(sections[i]); }
})();
