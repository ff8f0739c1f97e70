/* Resource booklet: an "Imprimer" button (templates/pages/partners/booklet.html). Without
   JavaScript, the button stays hidden and the hint beside it names the browser's own command. */
(function () {
    "use strict";

    document.querySelectorAll("[data-booklet-print]").forEach(function (button) {
        if (typeof window.print !== "function") {
            return;
        }
        button.hidden = false;
        var hint = document.querySelector("[data-booklet-print-hint]");
        if (hint) {
            hint.hidden = true;
        }
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
