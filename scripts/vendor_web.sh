#!/usr/bin/env bash
# Vendor the web UI's front-end code from the npm registry into the package (build time only:
# newslens never fetches scripts from a CDN at run time).
#
#   scripts/vendor_web.sh            # the pinned version
#   scripts/vendor_web.sh 2.0.12     # another version; update static/vendor/README.md too
set -euo pipefail

VERSION="${1:-2.0.11}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/newslens/web/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack --silent "htmx.org@$VERSION" >/dev/null
tar -xzf "htmx.org-$VERSION.tgz"
license="$(node -p "require('./package/package.json').license")"
if [ "$license" != "0BSD" ]; then
  echo "htmx.org@$VERSION is licensed $license, not 0BSD: review it before vendoring" >&2
  exit 1
fi
mkdir -p "$DEST"
cp package/dist/htmx.min.js "$DEST/htmx.min.js"
cp package/LICENSE "$DEST/htmx.LICENSE"
echo "vendored htmx.org@$VERSION ($license) into $DEST"
sha256sum "$DEST/htmx.min.js"
