/* Campaign kits: a "Copier le texte" button beside each ready-to-copy text.
   Progressive enhancement: without this script the text stays in a read-only field that can be
   selected and copied by hand. The button is added only when the Clipboard API is available;
   a status message (read by screen readers) tells that the text was copied. */
(function () {
    "use strict";
    if (!navigator.clipboard || !window.isSecureContext) {
        return;
    }
    document.querySelectorAll("[data-kit-copy]").forEach(function (container) {
        var field = container.querySelector("textarea");
        if (!field) {
            return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary kit-item__copy";
        button.textContent = "Copier le texte";
        var status = document.createElement("p");
        status.className = "kit-item__status";
        status.setAttribute("role", "status");
        button.addEventListener("click", function () {
            status.textContent = "";
            navigator.clipboard.writeText(field.value).then(
                function () {
                    status.textContent = "Texte copié";
                },
                function () {
                    field.focus();
                    field.select();
                    status.textContent = "La copie n'a pas fonctionné : le texte est sélectionné, copiez-le avec Ctrl+C.";
                }
            );
        });
        container.appendChild(button);
        container.appendChild(status);
    });
})();
