/* Admin: the next dates of an event, under its "Dates" panel, while it is edited.

   When the start, end, "all day", recurrence or per-date change fields change, the form goes to the
   preview address (events/views/admin.py), which answers with the next dates in French or with
   what is wrong; the list is announced politely to screen readers. The editor works the same
   without this script. */
(function () {
    "use strict";

    var config = document.currentScript && document.currentScript.dataset;
    if (!config || !config.previewUrl) {
        return;
    }

    // The page being edited, or the parent a new event is added under, from the address.
    function target() {
        var path = window.location.pathname;
        var edit = path.match(/\/pages\/(\d+)\/edit\/$/);
        if (edit) {
            return { page: edit[1] };
        }
        var add = path.match(/\/pages\/add\/events\/eventpage\/(\d+)\/$/);
        if (add) {
            return { parent: add[1] };
        }
        return null;
    }

    function csrfToken(form) {
        var input = form.querySelector('input[name="csrfmiddlewaretoken"]');
        return input ? input.value : "";
    }

    function build(panel) {
        var region = document.createElement("div");
        region.className = "maillage-occurrence-preview";
        var heading = document.createElement("h3");
        heading.className = "maillage-occurrence-preview__heading";
        heading.id = "maillage-occurrence-preview-heading";
        heading.textContent = "Prochaines dates";
        var status = document.createElement("div");
        status.className = "maillage-occurrence-preview__status";
        status.setAttribute("aria-live", "polite");
        status.setAttribute("role", "status");
        region.setAttribute("aria-labelledby", heading.id);
        region.setAttribute("role", "region");
        region.appendChild(heading);
        region.appendChild(status);
        (panel.querySelector(".w-panel__content") || panel).appendChild(region);
        return status;
    }

    function show(status, data) {
        status.textContent = "";
        if (data.error) {
            var error = document.createElement("p");
            error.className = "maillage-occurrence-preview__error";
            error.textContent = data.error;
            status.appendChild(error);
            return;
        }
        var summary = document.createElement("p");
        summary.textContent = data.summary;
        status.appendChild(summary);
        if (!data.dates.length) {
            return;
        }
        var list = document.createElement("ol");
        list.className = "maillage-occurrence-preview__list";
        data.dates.forEach(function (date) {
            var item = document.createElement("li");
            var time = document.createElement("time");
            time.dateTime = date.start;
            time.textContent = date.label;
            item.appendChild(time);
            if (date.status) {
                var note = document.createElement("strong");
                note.textContent = " — " + date.status + (date.reason ? " : " + date.reason : "");
                item.appendChild(note);
            }
            list.appendChild(item);
        });
        status.appendChild(list);
    }

    // The fields whose values change the dates: the "Dates" panel and the per-date changes.
    function watched(field) {
        return ["start", "end", "all_day", "recurrence"].indexOf(field.name) !== -1 ||
            field.name.indexOf("occurrence_changes-") === 0;
    }

    function signature(form) {
        return Array.prototype.filter.call(form.elements, watched).map(function (field) {
            return field.name + "=" + (field.type === "checkbox" ? field.checked : field.value);
        }).join("&");
    }

    function init() {
        var panel = document.querySelector(".maillage-event-dates");
        var form = panel && panel.closest("form");
        var where = target();
        if (!form || !where || !form.querySelector('[name="start"]')) {
            return;
        }
        var status = build(panel);
        var timer = null;
        var latest = 0;

        function refresh() {
            // The whole form: the view reads only the dates and the per-date changes.
            var body = new FormData(form);
            Object.keys(where).forEach(function (key) { body.set(key, where[key]); });
            var request = ++latest;
            fetch(config.previewUrl, {
                method: "POST",
                body: body,
                credentials: "same-origin",
                headers: { "X-CSRFToken": csrfToken(form), "X-Requested-With": "XMLHttpRequest" }
            })
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    if (request === latest) {
                        show(status, data);
                    }
                })
                .catch(function () {
                    if (request === latest) {
                        show(status, { error: "Les prochaines dates n'ont pas pu être calculées ; elles le seront à la publication." });
                    }
                });
        }

        function later() {
            window.clearTimeout(timer);
            timer = window.setTimeout(refresh, 400);
        }

        function onEdit(event) {
            if (event.target && event.target.name && watched(event.target)) {
                later();
            }
        }
        form.addEventListener("change", onEdit);
        form.addEventListener("input", onEdit);
        // The recurrence widget and the inline panel's delete button write their fields
        // without an event: compare the values every second.
        var last = signature(form);
        window.setInterval(function () {
            var now = signature(form);
            if (now !== last) {
                last = now;
                later();
            }
        }, 1000);
        if (form.querySelector('[name="start"]').value) {
            refresh();
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
