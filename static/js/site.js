// Collapsible main menu on small screens. Without JavaScript the menu is
// simply always open, so nothing depends on this file.
(function () {
  document.documentElement.classList.add("js");
  var toggle = document.querySelector(".main-nav__toggle");
  var list = document.getElementById("main-menu-list");
  if (!toggle || !list) return;
  toggle.hidden = false;
  var small = window.matchMedia("(max-width: 40rem)");
  function sync() {
    if (small.matches && toggle.getAttribute("aria-expanded") !== "true") {
      list.setAttribute("data-collapsed", "");
    } else {
      list.removeAttribute("data-collapsed");
    }
  }
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    sync();
  });
  small.addEventListener("change", sync);
  sync();
})();
