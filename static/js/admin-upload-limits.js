/* Admin: a file too heavy for the site is refused as soon as it is picked, with a French message.

   The server refuses such files anyway (partners/uploads.py: 413 for a body over the request
   limit, a form error over a field's limit), but Wagtail's choosers post their upload forms
   from a modal window that shows nothing when the server refuses: the button just stops. Here
   the file is taken off its field before anything is sent, the rest of the form kept, and a
   message under the field says why. Images (fields accepting image/*) and documents have their
   own limits, given by the script's data attributes (partners/wagtail_hooks.py). */
(function () {
    "use strict";

    var config = document.currentScript && document.currentScript.dataset;
    if (!config || !config.imageLimit || !config.documentLimit) {
        return;
    }
    var limits = {
        image: { bytes: Number(config.imageLimit), label: config.imageLabel, what: "les images" },
        document: { bytes: Number(config.documentLimit), label: config.documentLabel, what: "les documents" },
    };

    function megabytes(bytes) {
        // As Django's filesizeformat writes the limits (and the server's refusals), in French.
        var options = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
        return (bytes / (1024 * 1024)).toLocaleString("fr-FR", options) + "\u00a0Mio";
    }

    function limitFor(input) {
        return (input.accept || "").indexOf("image/") !== -1 ? limits.image : limits.document;
    }

    function messageFor(input) {
        var id = (input.id || input.name || "fichier") + "-maillage-poids";
        var message = document.getElementById(id);
        if (!message) {
            message = document.createElement("p");
            message.id = id;
            message.className = "error-message maillage-upload-limit";
            message.setAttribute("role", "alert");
            input.insertAdjacentElement("afterend", message);
        }
        return message;
    }

    function describe(input, id, on) {
        var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (value) {
            return value && value !== id;
        });
        if (on) {
            ids.push(id);
        }
        if (ids.length) {
            input.setAttribute("aria-describedby", ids.join(" "));
        } else {
            input.removeAttribute("aria-describedby");
        }
    }

    document.addEventListener(
        "change",
        function (event) {
            var input = event.target;
            if (!(input instanceof HTMLInputElement) || input.type !== "file" || input.multiple) {
                return; // the multiple upload checks sizes itself
            }
            var limit = limitFor(input);
            var file = input.files && input.files[0];
            var message = messageFor(input);
            if (file && file.size > limit.bytes) {
                message.textContent =
                    "« " + file.name + " » pèse " + megabytes(file.size) + " : " + limit.what +
                    " font " + limit.label + " au plus. Réduisez le fichier, puis choisissez-le à nouveau.";
                input.value = "";
                input.setAttribute("aria-invalid", "true");
                describe(input, message.id, true);
                // Wagtail's own handlers (the title filled from the file's name) see no file.
                event.stopImmediatePropagation();
            } else {
                message.remove();
                input.removeAttribute("aria-invalid");
                describe(input, message.id, false);
            }
        },
        true
    );
})();
