/* Maillage: small enhancements only; every page works without this file. */
(function () {
    "use strict";

    // Third-party video players load only after the visitor asks for them.
    document.querySelectorAll("[data-video]").forEach(function (figure) {
        var template = figure.querySelector("[data-video-template]");
        var consent = figure.querySelector("[data-video-consent]");
        var player = figure.querySelector("[data-video-player]");
        if (!template || !consent || !player) {
            return;
        }
        consent.hidden = false;
        consent.querySelector("[data-video-load]").addEventListener("click", function () {
            player.appendChild(template.content.cloneNode(true));
            var iframe = player.querySelector("iframe");
            if (iframe) {
                if (!iframe.title) {
                    iframe.title = figure.getAttribute("data-video-title");
                }
                iframe.setAttribute("tabindex", "0");
                iframe.focus();
            }
            consent.remove();
        });
    });
})();
