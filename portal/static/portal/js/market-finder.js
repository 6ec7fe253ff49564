/* Home page market finder: "用我的位置" fills lat/lng from the browser's location and opens the directory
   sorted by distance. Without JavaScript or location access the county select still works. */
(function () {
  var form = document.querySelector("[data-market-finder]");
  if (!form || !("geolocation" in navigator)) return;
  var button = form.querySelector("[data-use-location]");
  var status = form.querySelector("[data-location-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "正在获取您的位置……";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      form.elements.lng.value = position.coords.longitude.toFixed(6);
      form.elements.lat.disabled = false;
      form.elements.lng.disabled = false;
      form.elements.county.value = "";
      form.submit();
    }, function () {
      status.textContent = "无法获取位置，请在上面选择所在县（市、区）。";
    }, { timeout: 10000, maximumAge: 600000 });
  });
})();
