// Emphasise every piece of the sentence a link pointed at (#claim-ID), and scroll to it.
(function () {
  function emphasise() {
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    var id = decodeURIComponent(location.hash.replace(/^#claim-/, ""));
    if (!id || id === location.hash) return;
    var first = null;
    document.querySelectorAll("mark[data-claims]").forEach(function (m) {
      if (m.dataset.claims.split(" ").indexOf(id) >= 0) {
        m.classList.add("current");
        if (!first) first = m;
      }
    });
    if (first) { first.setAttribute("tabindex", "-1"); first.focus({preventScroll: true}); first.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", emphasise);
  document.addEventListener("DOMContentLoaded", emphasise);
})();
