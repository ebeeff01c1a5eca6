#!/usr/bin/env bash
# The Debian packages as an IT officer gets them (issue 14): builds both (release,
# once), checks what they hold, unpacks each into a throwaway root with `dpkg -x` and
# runs the unpacked binaries from an unrelated working directory: the kiosk checks its
# courses and draws its first frame under Xvfb, the server answers its health check and
# backs up, refusing a restore under itself. `systemd-analyze verify` checks both units.
# Run by scripts/test when CI=true (the release build takes minutes), or by hand:
#   bash tests/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
fail() { echo "package test: $*" >&2; exit 1; }

bash scripts/package
version=$(grep -m1 '^version = ' Cargo.toml | cut -d'"' -f2)
kiosk_deb=$repo/$(ls target/debian/baeumteo-kiosk_"$version"*.deb)
server_deb=$repo/$(ls target/debian/baeumteo-sync-server_"$version"*.deb)

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- contents -------------------------------------------------------------------------
# Listings go to files first: `grep -q` stops reading early, and with pipefail the
# writer's broken pipe would fail the check.
dpkg-deb -c "$kiosk_deb" | awk '{print $6}' >"$work/kiosk.list"
dpkg-deb -c "$server_deb" | awk '{print $6}' >"$work/server.list"
expect_file() { # LIST PATH
  grep -qx "./$2" "$work/$1.list" || fail "the $1 package lacks /$2"
}
for f in usr/bin/kiosk \
  usr/share/baeumteo/courses/smartphone-basics/course.toml \
  usr/share/baeumteo/assets/fonts/NanumBarunGothic.ttf \
  usr/share/baeumteo/assets/fonts/OFL.txt \
  usr/share/baeumteo/i18n/ko/common.ftl \
  usr/share/baeumteo/i18n/en/common.ftl \
  usr/lib/systemd/system/baeumteo-kiosk.service \
  etc/pam.d/baeumteo-kiosk \
  usr/share/doc/baeumteo-kiosk/copyright; do
  expect_file kiosk "$f"
done
for f in usr/bin/sync-server \
  usr/share/baeumteo-sync-server/courses/smartphone-basics/course.toml \
  etc/baeumteo/sync-server.toml \
  usr/lib/systemd/system/baeumteo-sync-server.service \
  usr/share/doc/baeumteo-sync-server/reverse-proxy.md; do
  expect_file server "$f"
done
dpkg-deb -f "$kiosk_deb" Depends >"$work/depends"
grep -qw cage "$work/depends" || fail "the kiosk package does not depend on cage"
dpkg-deb -e "$kiosk_deb" "$work/kiosk-control"
dpkg-deb -e "$server_deb" "$work/server-control"
grep -qx /etc/baeumteo/sync-server.toml "$work/server-control/conffiles" ||
  fail "the server's configuration is not a conffile"
for control in kiosk-control server-control; do
  grep -q useradd "$work/$control/postinst" || fail "${control%-control} package makes no system user"
  grep -q "systemctl\|deb-systemd" "$work/$control/postinst" || fail "${control%-control} unit not enabled"
done

# --- the unpacked kiosk, from elsewhere -------------------------------------------------
dpkg -x "$kiosk_deb" "$work/kiosk-root"
mkdir "$work/elsewhere"
cd "$work/elsewhere"
kiosk="$work/kiosk-root/usr/bin/kiosk"
"$kiosk" courses check >"$work/check.txt" || { cat "$work/check.txt"; fail "courses check failed"; }
grep -q "courses checked, no problems" "$work/check.txt" || fail "courses check: $(tail -1 "$work/check.txt")"
"$kiosk" status --data-dir "$work/kiosk-data" >"$work/status.txt"
grep -q "^version: *$version" "$work/status.txt" || fail "kiosk status does not say the version"
# An installed kiosk works from a writable copy of its shipped courses in its data
# folder (course updates from the server go there).
grep -q "^courses folder: *$work/kiosk-data/courses" "$work/status.txt" ||
  fail "the unpacked kiosk does not work from a copy of its courses: $(grep courses "$work/status.txt")"
[ -f "$work/kiosk-data/courses/smartphone-basics/course.toml" ] ||
  fail "the shipped courses were not copied into the data folder"
xvfb-run -a -s "-screen 0 1920x1080x24" \
  "$kiosk" --demo --data-dir "$work/kiosk-demo" --quit-after-first-frame >"$work/frame.txt" 2>&1 ||
  { cat "$work/frame.txt"; fail "the unpacked kiosk did not draw its first frame"; }

# --- the unpacked server, from elsewhere ------------------------------------------------
dpkg -x "$server_deb" "$work/server-root"
server="$work/server-root/usr/bin/sync-server"
config="$work/server-root/etc/baeumteo/sync-server.toml"
data="$work/server-data"
"$server" --config "$config" --data-dir "$data" --listen 127.0.0.1:0 --log-format json serve \
  2>"$work/server.log" &
server_pid=$!
addr=
for _ in $(seq 1 300); do
  addr=$(grep -o '"addr":"[^"]*"' "$work/server.log" | head -1 | cut -d'"' -f4 || true)
  [ -n "$addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; fail "the server did not start"; }
  sleep 0.1
done
[ -n "$addr" ] || fail "the server never said where it listens"
grep -q "\"courses\":\"$work/server-root/usr/share/baeumteo-sync-server/courses\"" "$work/server.log" ||
  fail "the unpacked server does not use its own courses"
health=$(curl -fsS "http://$addr/api/health")
[[ $health == *'"database":"ok"'* ]] || fail "health: $health"
[[ $health == *"\"version\":\"$version\""* ]] || fail "health does not say the version: $health"
"$server" --config "$config" --data-dir "$data" enroll-code --center "입암 디지털배움터" >/dev/null
"$server" --config "$config" --data-dir "$data" backup --out "$work/backup.sqlite3" >/dev/null
if "$server" --config "$config" --data-dir "$data" restore --from "$work/backup.sqlite3" --force \
  2>"$work/restore.txt"; then
  fail "a restore under a running server was not refused"
fi
grep -q "is running" "$work/restore.txt" || fail "restore refusal: $(cat "$work/restore.txt")"
kill -TERM "$server_pid"
wait "$server_pid" || fail "the server did not stop cleanly on SIGTERM"
server_pid=
if "$server" --config "$config" --data-dir "$data" restore --from "$work/backup.sqlite3" 2>/dev/null; then
  fail "a restore over a store without --force was not refused"
fi
"$server" --config "$config" --data-dir "$data" restore --from "$work/backup.sqlite3" --force >/dev/null
"$server" --config "$config" --data-dir "$data" list-kiosks >/dev/null
cd "$repo"

# --- systemd units ----------------------------------------------------------------------
if command -v systemd-analyze >/dev/null; then
  # The units name /usr/bin/…; verify checks that those exist, so it reads a copy that
  # names the unpacked binaries instead. cage is a dependency of the package, not of
  # this build machine: a stand-in lets verify check the kiosk unit's command line.
  install -m 755 /bin/true "$work/kiosk-root/usr/bin/cage"
  mkdir "$work/units"
  for unit in kiosk-root/usr/lib/systemd/system/baeumteo-kiosk.service \
    server-root/usr/lib/systemd/system/baeumteo-sync-server.service; do
    root=$work/${unit%%/*}
    copy=$work/units/$(basename "$unit")
    sed "s#/usr/bin/#$root/usr/bin/#g" "$work/$unit" >"$copy"
    # verify exits 0 on unknown keys and other warnings: any output is a failure.
    out=$(systemd-analyze verify --man=no "$copy" 2>&1) || fail "systemd-analyze verify: $out"
    [ -z "$out" ] || fail "systemd-analyze verify $(basename "$unit"): $out"
  done
fi
echo "package test: both packages install and run from anywhere ($(basename "$kiosk_deb"), $(basename "$server_deb"))"
