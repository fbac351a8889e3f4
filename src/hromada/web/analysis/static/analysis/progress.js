// Follows a queued or running analysis: updates the progress bar from the
// status view and reloads the page once the run has finished or failed.
(function () {
  "use strict";
  var box = document.querySelector(".run-progress[data-status-url]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var stage = box.querySelector(".run-stage");
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (run) {
        if (!run) { window.setTimeout(poll, 5000); return; }
        if (bar) { bar.value = run.progress; bar.textContent = run.progress + "%"; }
        if (stage) { stage.textContent = run.stage || ""; }
        if (run.pending) { window.setTimeout(poll, 2000); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
