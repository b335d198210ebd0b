// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Quick exit: leave for a neutral site and replace this page's history entry, so Back does
  // not come back here. Escape does the same. Without JS the button is an ordinary link.
  var quickExit = document.querySelector("[data-quick-exit]");
  if (quickExit) {
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      document.body.hidden = true;
      window.location.replace(quickExit.href);
    };
    quickExit.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented) { leave(event); }
    });
  }

  // Error summary: focused on load so screen readers and keyboards start at what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Language switcher: change on select, no button needed.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // "Use my location": fills the latitude/longitude inputs from the browser, no map service.
  document.querySelectorAll("[data-geolocate]").forEach(function (button) {
    if (!("geolocation" in navigator)) { button.hidden = true; return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var status = document.getElementById(button.dataset.status);
      var lat = document.getElementById(button.dataset.lat);
      var lon = document.getElementById(button.dataset.lon);
      if (status) { status.textContent = button.dataset.waiting; }
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lon.value = pos.coords.longitude.toFixed(6);
        if (status) { status.textContent = button.dataset.done; }
      }, function () {
        if (status) { status.textContent = button.dataset.failed; }
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });

  // Places: only the chosen municipality's (the page lists them all, grouped, without JS).
  document.querySelectorAll("select[data-municipality-select]").forEach(function (select) {
    var municipality = document.getElementById(select.dataset.municipalitySelect);
    if (!municipality || municipality.tagName !== "SELECT") { return; }
    var all = Array.prototype.slice.call(select.children).map(function (node) { return node.cloneNode(true); });
    function sync() {
      var chosen = municipality.value, current = select.value;
      select.textContent = "";
      all.forEach(function (node) {
        if (!chosen || (node.tagName === "OPTION" && !node.value)) {
          select.appendChild(node.cloneNode(true));
        } else {
          var options = node.tagName === "OPTGROUP" ? node.querySelectorAll("option") : [node];
          Array.prototype.forEach.call(options, function (option) {
            if (option.dataset.municipality === chosen) { select.appendChild(option.cloneNode(true)); }
          });
        }
      });
      select.value = current;
      if (select.value !== current) { select.value = ""; }
    }
    municipality.addEventListener("change", sync);
    sync();
  });

  // Filters fold away on a phone (open without JS, and while they have an error).
  if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
    document.querySelectorAll("details[data-fold-narrow]:not([data-keep-open])").forEach(function (d) {
      d.open = false;
    });
  }

  // Anonymous: the contact fields are hidden (and emptied by the server anyway).
  document.querySelectorAll("[data-anonymous-toggle]").forEach(function (box) {
    var target = document.getElementById(box.dataset.anonymousToggle);
    function sync() { if (target) { target.hidden = box.checked; } }
    box.addEventListener("change", sync);
    sync();
  });

  // One submission per click: disable the submit button once the form is sent.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        window.setTimeout(function () { b.disabled = true; }, 0);
      });
    });
  });

  // Copy the tracking link.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = !navigator.clipboard;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copy);
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = button.dataset.copied;
      });
    });
  });

  // Print a tracking slip.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
