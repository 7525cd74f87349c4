// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive or irreversible actions marked with data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Filter a long <select multiple> by typing into the input that names it.
  document.querySelectorAll("input[data-filter-select]").forEach((input) => {
    const select = document.getElementById(input.dataset.filterSelect);
    if (!select) return;
    const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
    input.addEventListener("input", () => {
      const q = fold(input.value.trim());
      for (const option of select.options) option.hidden = q !== "" && !fold(option.text).includes(q);
    });
  });
  // Show a busy indicator on submit buttons of slow forms (imports, uploads).
  document.querySelectorAll("form[data-busy]").forEach((form) => {
    form.addEventListener("submit", () => {
      const button = form.querySelector("[type=submit]");
      if (button) { button.disabled = true; button.insertAdjacentHTML("afterbegin", '<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>'); }
      const bar = form.querySelector(".progress");
      if (bar) bar.classList.remove("d-none");
    });
  });
});
// A header checkbox with data-check-all="name" ticks every checkbox of that name on the page.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.checkAll) return;
  document.querySelectorAll(`input[type=checkbox][name="${box.dataset.checkAll}"]`).forEach((b) => { b.checked = box.checked; });
});
