/* Large-text mode for older users: remembered across pages in localStorage. */
(function () {
  var key = "portal-large-text";
  var root = document.documentElement;
  var button = document.getElementById("large-text-toggle");
  if (!button) return;
  function show() { button.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false"); }
  button.addEventListener("click", function () {
    var on = root.classList.toggle("large-text");
    try { localStorage.setItem(key, on ? "1" : "0"); } catch (e) {}
    show();
  });
  show();
})();

/* A form sent back with errors: move to its summary, so the person hears and sees what to change. */
(function () {
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();

/* Print buttons (receipts, a market's page with its QR code). */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

/* On a phone the sections fold under 菜单 (the stylesheet shows them all on wider screens and without JavaScript). */
(function () {
  var toggle = document.getElementById("nav-toggle");
  var nav = document.getElementById("site-nav");
  if (!toggle || !nav) return;
  toggle.addEventListener("click", function () {
    var open = nav.classList.toggle("is-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();

/* 导航: the link opens Amap's marker page (its app where installed, a web map elsewhere); Android's map apps answer
   the standard geo: address instead, so there the link asks the phone which map app to open. */
if (/Android/i.test(navigator.userAgent)) {
  document.querySelectorAll("a[data-geo]").forEach(function (link) { link.href = link.getAttribute("data-geo"); });
}
