/* The captcha's "换一张": a new image (and audio) from django-simple-captcha's refresh view; the answer is cleared. */
document.addEventListener("click", function (event) {
  var button = event.target.closest(".captcha-refresh");
  if (!button) return;
  var field = button.closest(".field") || button.closest("form");
  fetch(button.dataset.refreshUrl, { headers: { "X-Requested-With": "XMLHttpRequest" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      field.querySelector("img.captcha").src = data.image_url;
      field.querySelector("input[type=hidden][name$='_0']").value = data.key;
      var audio = field.querySelector(".captcha-audio");
      if (audio && data.audio_url) audio.href = data.audio_url;
      var answer = field.querySelector("input[type=text][name$='_1']");
      if (answer) {
        answer.value = "";
        answer.focus();
      }
    });
});
