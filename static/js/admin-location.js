/* Admin: place a structure on a map. Under the latitude/longitude inputs of the structure
   editor (panel "maillage-location"), a click or a dragged marker fills both inputs; typing in
   them moves the marker. The inputs keep working without this script. Leaflet is loaded from
   our static files, and only on editors that have such a panel. */
(function () {
    "use strict";

    var config = document.currentScript && document.currentScript.dataset;
    if (!config) {
        return;
    }

    function loadLeaflet() {
        var stylesheet = document.createElement("link");
        stylesheet.rel = "stylesheet";
        stylesheet.href = config.leafletCss;
        document.head.appendChild(stylesheet);
        return new Promise(function (resolve, reject) {
            if (window.L) {
                resolve(window.L);
                return;
            }
            var script = document.createElement("script");
            script.src = config.leafletJs;
            script.onload = function () { resolve(window.L); };
            script.onerror = reject;
            document.head.appendChild(script);
        });
    }

    function readPosition(latitude, longitude) {
        var lat = parseFloat(latitude.value);
        var lng = parseFloat(longitude.value);
        if (isNaN(lat) || isNaN(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
            return null;
        }
        return [lat, lng];
    }

    function write(input, value) {
        input.value = value.toFixed(6);
        // Wagtail's unsaved-changes warning and any validation listen to these events.
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function draw(L, panel, latitude, longitude) {
        var wrapper = document.createElement("div");
        wrapper.className = "maillage-location-map";
        var help = document.createElement("p");
        help.className = "help";
        help.id = "maillage-location-map-help";
        help.textContent = "Cliquez sur la carte pour placer la structure, ou faites glisser le repère : la latitude et la longitude se remplissent. Vous pouvez aussi les saisir ci-dessus.";
        var container = document.createElement("div");
        container.className = "maillage-location-map__map";
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", "Carte pour placer la structure");
        container.setAttribute("aria-describedby", help.id);
        // No insert_editor_css hook in Wagtail 8: the map's size is set here.
        container.style.height = "24rem";
        container.style.marginTop = "0.5rem";
        wrapper.appendChild(help);
        wrapper.appendChild(container);
        (panel.querySelector(".w-panel__content") || panel).appendChild(wrapper);

        L.Icon.Default.imagePath = "";
        L.Icon.Default.mergeOptions({
            iconUrl: config.iconUrl,
            iconRetinaUrl: config.iconRetinaUrl,
            shadowUrl: config.shadowUrl
        });
        var position = readPosition(latitude, longitude);
        var centre = config.centre.split(",").map(parseFloat);
        var map = L.map(container).setView(position || centre, position ? 16 : 10);
        L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);

        var marker = null;
        function place(latlng) {
            if (marker) {
                marker.setLatLng(latlng);
                return;
            }
            marker = L.marker(latlng, { draggable: true, alt: "Emplacement de la structure" }).addTo(map);
            marker.on("dragend", function () {
                var moved = marker.getLatLng();
                write(latitude, moved.lat);
                write(longitude, moved.lng);
            });
        }
        if (position) {
            place(position);
        }
        map.on("click", function (event) {
            place(event.latlng);
            write(latitude, event.latlng.lat);
            write(longitude, event.latlng.lng);
        });
        [latitude, longitude].forEach(function (input) {
            input.addEventListener("change", function () {
                var typed = readPosition(latitude, longitude);
                if (typed) {
                    place(typed);
                    map.panTo(typed);
                }
            });
        });
        // The panel may be collapsed or in another tab when the map is drawn.
        if (window.ResizeObserver) {
            new ResizeObserver(function () { map.invalidateSize(); }).observe(container);
        }
    }

    function init() {
        var panel = document.querySelector(".maillage-location");
        var latitude = panel && panel.querySelector('input[name="latitude"]');
        var longitude = panel && panel.querySelector('input[name="longitude"]');
        if (!latitude || !longitude) {
            return;
        }
        loadLeaflet().then(function (L) { draw(L, panel, latitude, longitude); });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
