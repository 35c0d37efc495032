// <ibeam-countdown deadline="ISO 8601">: the time left, ticking in the browser. A countdown is
// presentation only, so it runs here rather than as a timer on the server's circuit.
class IBeamCountdown extends HTMLElement {
    static observedAttributes = ["deadline"];

    connectedCallback() {
        this.tick();
        this.timer = setInterval(() => this.tick(), 1000);
    }

    disconnectedCallback() {
        clearInterval(this.timer);
    }

    attributeChangedCallback() {
        this.tick();
    }

    tick() {
        const deadline = Date.parse(this.getAttribute("deadline") ?? "");
        if (Number.isNaN(deadline)) {
            this.textContent = "";
            return;
        }

        const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        const minutes = Math.floor(left / 60);
        const seconds = String(left % 60).padStart(2, "0");
        this.textContent = `${minutes}:${seconds}`;
    }
}

customElements.define("ibeam-countdown", IBeamCountdown);
