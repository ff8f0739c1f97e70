/* Maps of the directory and of structure pages, drawn with Leaflet (served locally).
   Progressive enhancement: each page shows the same information as a list or an address
   without this script. The tile server and the icons come from data attributes. */
(function () {
    "use strict";

    if (typeof window.L === "undefined") {
        return;
    }
    var L = window.L;

    function configureIcons(element) {
        // Hashed static file names defeat Leaflet's guess of the icon folder: give full URLs.
        L.Icon.Default.imagePath = "";
        L.Icon.Default.mergeOptions({
            iconUrl: element.dataset.iconUrl,
            iconRetinaUrl: element.dataset.iconRetinaUrl,
            shadowUrl: element.dataset.shadowUrl
        });
    }

    function createMap(element, options) {
        element.textContent = "";
        element.classList.add("map--ready");
        configureIcons(element);
        var map = L.map(element, Object.assign({ scrollWheelZoom: false }, options || {}));
        L.tileLayer(element.dataset.tileUrl, {
            attribution: element.dataset.tileAttribution,
            maxZoom: 19
        }).addTo(map);
        return map;
    }

    function popupContent(properties) {
        // Built with DOM nodes, never from HTML strings: names come from partners' input.
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = properties.url;
        link.textContent = properties.name;
        var title = document.createElement("strong");
        title.appendChild(link);
        box.appendChild(title);
        var details = [properties.typology, properties.commune].filter(Boolean).join(" · ");
        if (details) {
            var meta = document.createElement("p");
            meta.textContent = details;
            box.appendChild(meta);
        }
        return box;
    }

    function drawDirectoryMap(element) {
        var map = createMap(element);
        map.setView([46.6, 2.4], 6);
        fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(response.status);
                }
                return response.json();
            })
            .then(function (data) {
                var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
                L.geoJSON(data, {
                    pointToLayer: function (feature, latlng) {
                        return L.marker(latlng, { alt: feature.properties.name, title: feature.properties.name });
                    },
                    onEachFeature: function (feature, layer) {
                        layer.bindPopup(popupContent(feature.properties));
                    }
                }).addTo(cluster);
                map.addLayer(cluster);
                if (cluster.getLayers().length) {
                    map.fitBounds(cluster.getBounds(), { padding: [24, 24], maxZoom: 14 });
                }
            })
            .catch(function () {
                var message = document.createElement("p");
                message.className = "map__fallback";
                message.textContent = "La carte n'a pas pu être chargée : la liste ci-dessous présente les mêmes structures.";
                element.replaceChildren(message);
            });
    }

    function drawLocationMap(element) {
        var position = [parseFloat(element.dataset.latitude), parseFloat(element.dataset.longitude)];
        if (isNaN(position[0]) || isNaN(position[1])) {
            return;
        }
        var map = createMap(element);
        map.setView(position, 15);
        L.marker(position, { alt: element.dataset.label, title: element.dataset.label }).addTo(map);
    }

    document.querySelectorAll("[data-directory-map]").forEach(drawDirectoryMap);
    document.querySelectorAll("[data-location-map]").forEach(drawLocationMap);
})();
