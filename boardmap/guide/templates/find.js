(function () {
  "use strict";
  var form = document.getElementById("find");
  var box = document.getElementById("find-box");
  var results = document.getElementById("find-results");
  var status = document.getElementById("find-status");
  var index = document.getElementById("find-index");
  if (!form || !box || !results || !status || !index) { return; }
  var entries = Array.prototype.slice.call(index.querySelectorAll("li"));
  var LIMIT = 12;
  function plain(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9&]+/g, " ").trim();
  }
  var names = entries.map(function (li) { return " " + plain(li.textContent); });
  var keys = entries.map(function (li, i) {
    return names[i] + " " + plain(li.getAttribute("data-terms") || "");
  });
  function say(count) {
    var text = count === 0 ? status.getAttribute("data-none")
      : count === 1 ? status.getAttribute("data-one") : status.getAttribute("data-many");
    return text.replace("{count}", String(count));
  }
  function go(link) {
    var href = link.getAttribute("href");
    if (href.charAt(0) !== "#") { window.location.href = href; return; }
    var target = document.getElementById(href.slice(1));
    window.location.hash = href;
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus();
    }
  }
  function update() {
    var words = plain(box.value).split(" ").filter(Boolean);
    while (results.firstChild) { results.removeChild(results.firstChild); }
    if (!words.length) { status.textContent = ""; results.hidden = true; return; }
    var named = [], other = [];  // what a name matches comes before what other words match
    function has(text) { return words.every(function (w) { return text.indexOf(" " + w) >= 0; }); }
    keys.forEach(function (key, i) {
      if (has(names[i])) { named.push(entries[i]); } else if (has(key)) { other.push(entries[i]); }
    });
    var found = named.concat(other);
    found.slice(0, LIMIT).forEach(function (li) {
      var item = li.cloneNode(true);
      item.removeAttribute("data-terms");
      item.querySelector("a").addEventListener("click", function (event) {
        event.preventDefault();
        go(event.currentTarget);
      });
      results.appendChild(item);
    });
    results.hidden = found.length === 0;
    status.textContent = say(found.length);
  }
  box.addEventListener("input", update);
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    var first = results.querySelector("a");
    if (first) { go(first); }
  });
  form.hidden = false;
}());
