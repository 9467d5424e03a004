#!/usr/bin/env bash
# Add (or, with --uninstall, remove) Rotation Advisor to the current user's application menu.
#   install-desktop.sh COMMAND   COMMAND is how to start the app (an absolute path)
#   install-desktop.sh --uninstall
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor"
entry="$apps/rotation-advisor.desktop"

if [[ "${1:-}" == "--uninstall" ]]; then
    rm -f "$entry" "$icons/scalable/apps/rotation-advisor.svg"
    for png in "$icons"/*/apps/rotation-advisor.png; do rm -f "$png"; done
    echo "Removed Rotation Advisor from the application menu."
    exit 0
fi

command="${1:?usage: install-desktop.sh /absolute/path/to/rotation-advisor | --uninstall}"
mkdir -p "$apps" "$icons/scalable/apps"
template="$here/rotation-advisor.desktop.in"
[[ -f "$template" ]] || template="$here/../packaging/rotation-advisor.desktop.in"
sed "s|@EXEC@|$command|" "$template" > "$entry"
icon_dir="$here/icons"
[[ -d "$icon_dir" ]] || icon_dir="$here/../resources/icons"
svg="$icon_dir/rotation-advisor.svg"
cp "$svg" "$icons/scalable/apps/rotation-advisor.svg"
for png in "$icon_dir"/rotation-advisor-*.png; do
    [[ -f "$png" ]] || continue
    size="$(basename "$png" .png)"; size="${size##*-}"
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$png" "$icons/${size}x${size}/apps/rotation-advisor.png"
done
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry"; fi
if command -v update-desktop-database >/dev/null; then update-desktop-database "$apps" || true; fi
echo "Installed $entry"
