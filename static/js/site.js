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

// After a failed submit, move focus to the error summary so screen reader and
// keyboard users start from the list of what to fix; each link there moves
// focus to its field (a plain #id link would only scroll on some browsers).
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
    var holder = field.closest(".field");
    if (holder) holder.scrollIntoView();
  });
})();
