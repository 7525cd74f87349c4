#!/usr/bin/env bash
# Installs the Debian packages the project needs outside Python, when they are missing:
#   gettext (compile translations), python3-venv on a bare Debian Python, LibreOffice Writer
#   (turns decisions and proposals into PDF) with the Liberation fonts (Times New Roman
#   metrics), and for `make test` also chromium (browser tests), poppler-utils and LibreOffice
#   Calc (a test opens the .xlsx exports in it, as an office would).
#   Never downloads a browser of its own.
set -euo pipefail
want=()
command -v msgfmt >/dev/null || want+=(gettext)
# Debian's own Python needs python3-venv for `python -m venv` (it lacks ensurepip without it).
"${PYTHON:-python3}" -c "import ensurepip" 2>/dev/null || want+=(python3-venv)
command -v soffice >/dev/null || want+=(libreoffice-writer-nogui)
[ -e /usr/share/fonts/truetype/liberation2 ] || [ -e /usr/share/fonts/truetype/liberation ] || want+=(fonts-liberation2)
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
  command -v pdftotext >/dev/null || want+=(poppler-utils)
  dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || dpkg -s libreoffice-calc >/dev/null 2>&1 \
    || want+=(libreoffice-calc-nogui)
fi
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
else
  echo "Missing Debian packages: ${want[*]}. Install them with: sudo apt-get install ${want[*]}" >&2
  exit 1
fi
