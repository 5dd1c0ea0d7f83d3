/* Art. 8 portal: the little behaviour every page shares.
   Kept in a file (no inline scripts) so a strict Content-Security-Policy stays possible. */
(function () {
  "use strict";

  if (window.htmx) {
    // Views answer an invalid htmx form post with status 422 and the re-rendered form;
    // swap it like a 200 so the errors appear. Other 4xx/5xx do not swap (htmx default).
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "422", swap: true },
      { code: "[45]..", swap: false, error: true },
      { code: "...", swap: false },
    ];
  }

  // A failed htmx request would otherwise do nothing visible: show the translated text
  // that base.html puts in #htmx-error (role="alert", so it is announced).
  function showError() {
    var box = document.getElementById("htmx-error");
    if (!box) {
      return;
    }
    box.textContent = box.getAttribute("data-message");
    box.classList.remove("d-none");
  }

  function hideError() {
    var box = document.getElementById("htmx-error");
    if (box) {
      box.classList.add("d-none");
      box.textContent = "";
    }
  }

  // A button with data-confirm (reject, refuse, withdraw …) asks first; "Cancel" sends
  // nothing. Without JavaScript the form is sent as is: the reason field still guards it.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // A button with data-select-all="name" (the queue's bulk decision) ticks every checkbox
  // of that name in its form, or unticks them all when they are all ticked. Hidden until
  // this script shows it: without JavaScript one ticks them one by one.
  document.querySelectorAll("[data-select-all]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-select-all");
      var boxes = button.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
      var all = Array.prototype.every.call(boxes, function (box) {
        return box.checked;
      });
      boxes.forEach(function (box) {
        box.checked = !all;
      });
    });
  });

  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
  document.addEventListener("htmx:beforeRequest", hideError);
})();
