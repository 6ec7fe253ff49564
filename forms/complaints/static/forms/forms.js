/* Forms: no double submission, hide contact fields when anonymous, refresh the captcha. */
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
  document.querySelectorAll(".captcha-refresh").forEach(function (button) {
    button.addEventListener("click", function () {
      fetch(button.dataset.refreshUrl, { headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var box = button.closest(".field");
          box.querySelector("img.captcha").src = data.image_url;
          box.querySelector("input[type=hidden][name$=_0]").value = data.key;
          var audio = box.querySelector(".captcha-audio");
          if (audio && data.audio_url) audio.href = data.audio_url;
        });
    });
  });
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();
