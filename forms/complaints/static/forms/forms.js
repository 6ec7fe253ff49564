/* Forms: no double submission, hide contact fields when anonymous (the captcha has portal/js/captcha.js). */
(function () {
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.textContent = "正在提交…";
      });
    });
  });
  // The market list shows only the chosen county's markets (the server refuses a market of another county too).
  var county = document.getElementById("id_county");
  var market = document.getElementById("id_market");
  if (county && market) {
    var all = Array.prototype.slice.call(market.options);
    var narrow = function () {
      var chosen = market.value;
      market.replaceChildren.apply(market, all.filter(function (option) {
        return !option.value || !county.value || option.getAttribute("data-county") === county.value;
      }));
      market.value = Array.prototype.some.call(market.options, function (o) { return o.value === chosen; }) ? chosen : "";
    };
    county.addEventListener("change", narrow);
    narrow();
  }
  var anonymous = document.getElementById("id_anonymous");
  var contact = document.querySelector(".contact-fields");
  if (anonymous && contact) {
    var sync = function () { contact.hidden = anonymous.checked; };
    anonymous.addEventListener("change", sync);
    sync();
  }
})();
