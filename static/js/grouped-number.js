// Groups the digits of money and quantity boxes (data-grouped) with dots while typing:
// 1800000000 → 1.800.000.000. The caret stays after the same digit. Without this script the
// server still reads «1.800.000.000 đ», «1 800 000 000» and «1800000000».
(() => {
  const group = (digits) => digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  // A number (signed, grouped with dots or spaces) and what follows it: spaces, «đ», «đồng».
  const shape = /^(\s*-?)([\d.\s\u00a0]*?)(\s*(?:đ|đồng|vnđ|vnd)?\s*)$/i;
  const regroup = (input) => {
    const value = input.value;
    const parts = value.match(shape);
    // Leave anything that is not just a number (a typo, a word) for the server to name.
    if (!parts) return;
    const [, sign, number, suffix] = parts;
    const digits = number.replace(/\D/g, "");
    if (digits === "") return;
    const grouped = sign.trim() + group(digits) + suffix;
    if (grouped === value) return;
    const caret = input.selectionStart ?? value.length;
    const digitsBefore = value.slice(0, caret).replace(/\D/g, "").length;
    input.value = grouped;
    let position = sign.trim().length;
    for (let seen = 0; position < grouped.length && seen < digitsBefore; position++) {
      if (/\d/.test(grouped[position])) seen++;
    }
    // A caret after the number stays after what followed it (the « đ» being typed).
    if (digitsBefore === digits.length && caret >= value.length - suffix.length) position = grouped.length - (value.length - caret);
    input.setSelectionRange(position, position);
  };
  document.addEventListener("input", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.dataset.grouped) regroup(event.target);
  });
})();
