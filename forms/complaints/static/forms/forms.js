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
  var anonymous = document.getElementById("id_anonymous");
  var contact = document.querySelector(".contact-fields");
  if (anonymous && contact) {
    var sync = function () { contact.hidden = anonymous.checked; };
    anonymous.addEventListener("change", sync);
    sync();
  }
})();
