// The schedule form: show only the fields the chosen frequency uses, and a preview
// of the next runs. Without this script every field shows and the server clears
// the unused ones; the next run is then told after saving.
(function () {
    "use strict";

    function init() {
        const radios = document.querySelectorAll('input[name="frequency"]');
        if (!radios.length) {
            return;
        }
        const form = radios[0].form;
        const fields = form.querySelectorAll("[data-scheduler-frequencies]");
        const previewUrl = radios[0].dataset.schedulerPreviewUrl;
        const preview = document.createElement("div");
        preview.className = "help-block help-info";
        preview.setAttribute("aria-live", "polite");
        preview.id = "scheduler-preview";
        const frequencyWrapper = radios[0].closest(".w-field__wrapper");
        (frequencyWrapper || radios[0].parentNode).after(preview);

        function chosen() {
            const checked = form.querySelector('input[name="frequency"]:checked');
            return checked ? checked.value : "";
        }

        function showFields() {
            const frequency = chosen();
            fields.forEach(function (input) {
                const used = input.dataset.schedulerFrequencies.split(" ");
                const wrapper = input.closest(".w-field__wrapper") || input.parentNode;
                wrapper.hidden = !used.includes(frequency);
            });
        }

        let pending = null;
        function refreshPreview() {
            if (!previewUrl) {
                return;
            }
            const params = new URLSearchParams(new FormData(form));
            params.delete("csrfmiddlewaretoken");
            if (pending) {
                pending.abort();
            }
            pending = new AbortController();
            fetch(previewUrl + "?" + params.toString(), {
                signal: pending.signal,
                credentials: "same-origin",
            })
                .then(function (response) {
                    return response.ok ? response.text() : "";
                })
                .then(function (html) {
                    preview.innerHTML = html;
                })
                .catch(function () {});
        }

        form.addEventListener("change", function () {
            showFields();
            refreshPreview();
        });
        form.addEventListener("input", refreshPreview);
        showFields();
        refreshPreview();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
