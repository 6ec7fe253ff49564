/* Progressive enhancement of the wage table: filter while typing and sort by tapping a column heading.
   Without JavaScript the search form and sort select work on the server. */
(function () {
  var table = document.getElementById("wage-table");
  var input = document.getElementById("wage-q");
  var count = document.getElementById("wage-count");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.querySelectorAll("tr[data-search]"));
  var total = rows.length;

  function filter() {
    var term = (input.value || "").trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = !term || row.getAttribute("data-search").toLowerCase().indexOf(term) !== -1;
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (count) count.textContent = "显示 " + shown + " 个职业（工种）（本页共 " + total + " 个）。";
  }
  if (input) input.addEventListener("input", filter);

  var headings = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headings, function (th, column) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-value") || "";
        var y = b.cells[column].getAttribute("data-value") || "";
        var order;
        if (kind === "number") {
          if (x === "" || y === "") return x === y ? 0 : (x === "" ? 1 : -1);
          order = parseFloat(x) - parseFloat(y);
        } else {
          order = x.localeCompare(y, "zh-Hans-CN");
        }
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
