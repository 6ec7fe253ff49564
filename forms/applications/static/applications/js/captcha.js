/* "看不清，换一张": fetch a new captcha from django-simple-captcha's refresh view. */
document.addEventListener("click", function (event) {
  var button = event.target.closest(".captcha-refresh");
  if (!button) return;
  var field = button.closest(".field");
  fetch(button.dataset.refreshUrl, { headers: { "X-Requested-With": "XMLHttpRequest" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      field.querySelector("img.captcha").src = data.image_url;
      field.querySelector("input[type=hidden][name$='_0']").value = data.key;
      var answer = field.querySelector("input[type=text]");
      answer.value = "";
      answer.focus();
    });
});
