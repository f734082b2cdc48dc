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
