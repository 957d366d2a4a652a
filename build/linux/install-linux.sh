#!/bin/sh
# Put SV2 Desk in this Linux desktop's menu (for you, or with --all-users for everyone),
# from the folder this script is in. --remove takes the menu entry away again.
# Neither touches SV2 Desk's data (in ~/.local/share/SV2 Desk for each person).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mode=user
for arg in "$@"; do
    case "$arg" in
        --all-users) mode=all ;;
        --remove) mode="remove-$mode" ;;
        -h|--help) sed -n '2,4s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "Unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done
case "$mode" in
    user|remove-user) share="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
    all|remove-all) share=/usr/local/share ;;
esac
entry="$share/applications/sv2desk.desktop"
icon="$share/icons/hicolor/256x256/apps/sv2desk.png"
case "$mode" in
    remove-*)
        rm -f "$entry" "$icon"
        echo "SV2 Desk is no longer in the menu. Its data has not been touched."
        exit 0 ;;
esac
if [ ! -x "$here/sv2desk" ]; then
    echo "This script must stay in the SV2 Desk folder (beside the sv2desk program)." >&2
    exit 1
fi
case "$here" in
    *[\\\"\`\$\|\&%]*)
        echo "The folder's path has a character a menu entry cannot hold (one of \\ \" \` \$ | & %)." \
             "Move the SV2 Desk folder somewhere else, such as /opt/sv2desk, and run this again." >&2
        exit 1 ;;
esac
mkdir -p "$share/applications" "$(dirname "$icon")"
cp "$here/_internal/resources/icons/sv2desk.png" "$icon"
sed "s|@EXEC@|\"$here/sv2desk\"|" "$here/sv2desk.desktop" > "$entry.tmp"
chmod 644 "$entry.tmp"
mv "$entry.tmp" "$entry"
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$share/applications" 2>/dev/null || true
echo "SV2 Desk is in the menu (Office). The menu entry is $entry."
