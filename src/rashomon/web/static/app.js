// Progressive enhancement only: every page works without this file.
// Filter menus submit as soon as a choice is made, and empty fields stay out of the URL.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("filters");
  if (!form) return;
  form.querySelectorAll("[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => form.requestSubmit());
  });
  form.addEventListener("submit", () => {
    form.querySelectorAll("input, select").forEach((el) => {
      if (!el.value) el.disabled = true;
    });
  });
});

// A story page sent while its comparison is built (#comparison[data-src]) fetches the
// comparison (the server builds it in that request if no builder has yet) and puts it in
// place. A failed request (or one unanswered after WAIT_MS) is tried again after 1, 2, 4,
// 8 s; then the page says the comparison is not available (its own words,
// data-unavailable) instead of "building".
const RETRIES = 4;
// A build takes 0.1-2 s on a 10,000-article store (bench/bench_scale.py, two cores under
// load); two minutes leaves room for a large story on a busy server.
const WAIT_MS = 120000;

document.addEventListener("DOMContentLoaded", () => {
  const slot = document.getElementById("comparison");
  if (!slot || !slot.dataset.src) return;
  const url = new URL(slot.dataset.src, window.location.href);
  const token = new URLSearchParams(window.location.search).get("token");
  if (token) url.searchParams.set("token", token); // a read token given in the address
  const building = document.querySelector("#story-meta .badge.building");

  const unavailable = () => {
    const notice = document.createElement("div");
    notice.className = "notice";
    notice.id = "no-report";
    const line = document.createElement("p");
    line.textContent = slot.dataset.unavailable || "";
    notice.appendChild(line);
    slot.replaceChildren(notice);
    delete slot.dataset.src;
    if (building) building.remove();
  };

  const show = (html) => {
    const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("comparison");
    if (!fresh) throw new Error("no comparison in the answer");
    const badge = fresh.dataset.badge;
    slot.replaceWith(document.adoptNode(fresh));
    if (building) building.remove();
    const meta = document.getElementById("story-meta");
    if (badge && meta && !meta.querySelector(".badge.contradiction")) {
      const span = document.createElement("span");
      span.className = "badge contradiction";
      span.textContent = badge;
      meta.appendChild(span);
    }
  };

  const attempt = (tries) => {
    const signal = AbortSignal.timeout ? AbortSignal.timeout(WAIT_MS) : undefined;
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin", signal })
      .then((answer) => {
        if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
        return answer.text();
      })
      .then(show)
      .catch(() => {
        if (tries >= RETRIES) unavailable();
        else setTimeout(() => attempt(tries + 1), 1000 * 2 ** tries);
      });
  };
  attempt(0);
});
