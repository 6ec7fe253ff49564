// The self-assessment's total, predicted star and subsidy, updated as the operator types (the server computes the
// same on saving; the bands come from the round's rules, see forms/assessments/prediction.py).
(function () {
  "use strict";
  var form = document.querySelector(".assessment-form");
  var data = document.getElementById("prediction-bands");
  if (!form || !data) { return; }
  var prediction = JSON.parse(data.textContent);
  var inputs = form.querySelectorAll("input[name^='points_']");
  var words = form.querySelector(".prediction").dataset;
  function band(total) {
    var found = null;
    prediction.bands.forEach(function (b) { if (total >= b.from) { found = b; } });
    return found;
  }
  function update() {
    var total = 0, missing = false;
    inputs.forEach(function (input) {
      var value = parseFloat(input.value);
      if (isNaN(value)) { missing = true; } else { total += value; }
    });
    var factor = Math.pow(10, prediction.decimals);
    var rounded = Math.round(total * factor) / factor;
    document.getElementById("self-total").textContent = missing ? "—" : String(rounded);
    var b = missing ? null : band(rounded);
    document.getElementById("predicted-stars").textContent = b && b.stars ? words.stars.replace("%s", b.stars) : words.noStars;
    document.getElementById("predicted-subsidy").textContent = b && b.yuan ? words.yuan.replace("%s", b.yuan) : words.none;
  }
  inputs.forEach(function (input) { input.addEventListener("input", update); });
}());
