/* Event page: "Copier le lien" (components/event_share.html). Without JavaScript, the address
   stays readable and selectable below the share links. */
(function () {
    "use strict";

    document.querySelectorAll("[data-copy-link]").forEach(function (block) {
        var button = block.querySelector("[data-copy-link-button]");
        var status = block.querySelector("[data-copy-link-status]");
        if (!button || !status || !navigator.clipboard) {
            return;
        }
        block.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(button.getAttribute("data-url")).then(
                function () {
                    status.textContent = "Lien copié.";
                },
                function () {
                    status.textContent = "Le lien n'a pas pu être copié : sélectionnez l'adresse ci-dessous.";
                }
            );
        });
    });
})();
