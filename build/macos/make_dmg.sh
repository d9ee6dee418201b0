#!/usr/bin/env bash
# Package dist/RootingFuture.app as a compressed .dmg; optionally sign and notarise it.
#
#   bash build/macos/make_dmg.sh [--app PATH] [--out DIR] [--skip-self-test]
#                                [--allow-missing-pango]
#
# Run on macOS from the repository root after `python build/build_app.py`.
#
# Environment:
#   RF_CODESIGN_IDENTITY  "Developer ID Application: Name (TEAMID)". Unset: no signing, the
#                         app keeps PyInstaller's ad-hoc signature (runs on this Mac only).
#   RF_NOTARY_PROFILE     keychain profile from `xcrun notarytool store-credentials`. Set:
#                         notarise and staple the app and the dmg (needs the identity).
#   RF_DMG_FORMAT         hdiutil image format: ULFO (default; lzfse, macOS 10.11+) or UDZO.
#
# Steps: check the bundle (version, bundle id, Pango inside, no library linked from outside
# the bundle, one set of architectures, minimum macOS of every binary) -> sign inside-out
# with the hardened runtime -> verify -> self-test the signed app -> notarise and staple
# the app -> dmg with an /Applications link -> sign, notarise and staple the dmg -> SHA-256.
# Written for the bash 3.2 that macOS ships: no mapfile, no arrays, no associative arrays.
set -euo pipefail

APP_NAME="RootingFuture"
BUNDLE_ID="it.rootingfuture.desktop"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENTITLEMENTS="$ROOT/build/macos/entitlements.plist"
# PlistBuddy lives outside PATH on macOS; one on PATH wins (the Linux tests put a stub there).
PLISTBUDDY="$(command -v PlistBuddy 2>/dev/null || echo /usr/libexec/PlistBuddy)"

usage() {
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die() {
    echo "make_dmg: $*" >&2
    exit 1
}

APP="$ROOT/dist/$APP_NAME.app"
OUT="$ROOT/dist/installer"
SELF_TEST=1
REQUIRE_PANGO=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --app) APP="${2:?--app needs a path}"; shift 2 ;;
        --out) OUT="${2:?--out needs a folder}"; shift 2 ;;
        --skip-self-test) SELF_TEST=0; shift ;;
        --allow-missing-pango) REQUIRE_PANGO=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "make_dmg: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [[ "$(uname -s)" != "Darwin" ]]; then
    echo "make_dmg: this script runs only on macOS (it needs codesign, hdiutil, xcrun" \
        "notarytool and stapler); this machine runs $(uname -s)." >&2
    echo "make_dmg: build the .app and the .dmg on a Mac: see build/macos/README.md." >&2
    exit 2
fi

IDENTITY="${RF_CODESIGN_IDENTITY:-}"
NOTARY_PROFILE="${RF_NOTARY_PROFILE:-}"
FORMAT="${RF_DMG_FORMAT:-ULFO}"
case "$FORMAT" in
    ULFO|UDZO|ULMO|UDBZ) ;;
    *) die "RF_DMG_FORMAT=$FORMAT: use ULFO (default) or UDZO" ;;
esac
if [[ -n "$NOTARY_PROFILE" && -z "$IDENTITY" ]]; then
    die "RF_NOTARY_PROFILE is set but RF_CODESIGN_IDENTITY is not: Apple notarises only" \
        "apps signed with a Developer ID Application certificate"
fi
for tool in codesign hdiutil otool lipo file ditto shasum; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found: install the Xcode command line tools (xcode-select --install)"
done
[[ -x "$PLISTBUDDY" ]] || die "$PLISTBUDDY not found"
[[ -d "$APP/Contents/MacOS" ]] || die "$APP is not an app bundle: run python build/build_app.py first"

# [project] version of pyproject.toml, read without Python (the CLT python3 may lack tomllib).
VERSION="$(awk '
    /^\[/ { section = $0 }
    section == "[project]" && /^version[[:space:]]*=/ {
        if (match($0, /"[^"]*"/)) { print substr($0, RSTART + 1, RLENGTH - 2); exit }
    }' "$ROOT/pyproject.toml")"
[[ -n "$VERSION" ]] || die "no [project] version in $ROOT/pyproject.toml"

INFO="$APP/Contents/Info.plist"
plist_value() {
    "$PLISTBUDDY" -c "Print :$1" "$INFO" 2>/dev/null || true
}
EXECUTABLE="$APP/Contents/MacOS/$(plist_value CFBundleExecutable)"
[[ -f "$EXECUTABLE" ]] || die "main executable $EXECUTABLE not found"
[[ "$(plist_value CFBundleShortVersionString)" == "$VERSION" ]] ||
    die "the app says version '$(plist_value CFBundleShortVersionString)', pyproject.toml" \
        "says $VERSION: rebuild the app"
[[ "$(plist_value CFBundleIdentifier)" == "$BUNDLE_ID" ]] ||
    die "bundle id is '$(plist_value CFBundleIdentifier)', expected $BUNDLE_ID"
MIN_MACOS="$(plist_value LSMinimumSystemVersion)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/rf-dmg.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# ------------------------------------------------------------------ bundle checks

# Every Mach-O file in the bundle, one per line, deepest paths first (sign order).
find "$APP/Contents" -type f -print0 | while IFS= read -r -d '' path; do
    case "$path" in
        *$'\n'*) echo "make_dmg: a file name contains a line break: $path" >&2; exit 1 ;;
    esac
    case "$(file -b "$path")" in
        *Mach-O*) printf '%s\n' "$path" ;;
    esac
done | awk -F/ '{ print NF "\t" $0 }' | sort -rn | cut -f2- > "$WORK/machos.txt"
[[ -s "$WORK/machos.txt" ]] || die "no Mach-O binaries found in $APP"

version_gt() {  # true when version $1 is newer than version $2 (major.minor.patch)
    awk -v a="$1" -v b="$2" 'BEGIN {
        n = split(a, x, "."); m = split(b, y, ".")
        for (i = 1; i <= 3; i++) {
            p = (i <= n) ? x[i] + 0 : 0; q = (i <= m) ? y[i] + 0 : 0
            if (p > q) exit 0
            if (p < q) exit 1
        }
        exit 1
    }'
}

MAIN_ARCHS="$(lipo -archs "$EXECUTABLE")"
PROBLEMS=0
NEWEST_MINOS="0"
NEWEST_FILE=""
while IFS= read -r binary; do
    relative="${binary#"$APP"/}"
    # 1. Linked only to the system or to the bundle itself (@rpath, @loader_path...).
    outside="$(otool -L "$binary" | awk 'NR > 1 && /^\t/ { print $1 }' |
        grep -E '^/' | grep -Ev '^(/usr/lib/|/System/)' || true)"
    if [[ -n "$outside" ]]; then
        echo "make_dmg: $relative links to libraries outside the bundle:" >&2
        while IFS= read -r library; do echo "    $library" >&2; done <<< "$outside"
        PROBLEMS=$((PROBLEMS + 1))
    fi
    # 2. Every architecture of the main executable is in every binary.
    archs="$(lipo -archs "$binary" 2>/dev/null || echo unknown)"
    for arch in $MAIN_ARCHS; do
        case " $archs " in
            *" $arch "*) ;;
            *) echo "make_dmg: $relative has [$archs], the app needs [$MAIN_ARCHS]" >&2
               PROBLEMS=$((PROBLEMS + 1)) ;;
        esac
    done
    # 3. The newest minimum macOS among all binaries (LC_BUILD_VERSION minos, or the
    #    older LC_VERSION_MIN_MACOSX version).
    minos="$({ otool -arch all -l "$binary" 2>/dev/null || otool -l "$binary"; } | awk '
        /cmd LC_BUILD_VERSION/ { build = 1; next }
        /cmd LC_VERSION_MIN_MACOSX/ { legacy = 1; next }
        /cmd / { build = 0; legacy = 0 }
        build && $1 == "minos" { print $2; build = 0 }
        legacy && $1 == "version" { print $2; legacy = 0 }' | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)"
    if [[ -n "$minos" ]] && version_gt "$minos" "$NEWEST_MINOS"; then
        NEWEST_MINOS="$minos"
        NEWEST_FILE="$relative"
    fi
done < "$WORK/machos.txt"

echo "architectures: $MAIN_ARCHS; newest minimum macOS of a binary: $NEWEST_MINOS ($NEWEST_FILE);" \
    "Info.plist LSMinimumSystemVersion: ${MIN_MACOS:-unset}"
if [[ -n "$MIN_MACOS" ]] && version_gt "$NEWEST_MINOS" "$MIN_MACOS"; then
    echo "make_dmg: $NEWEST_FILE needs macOS $NEWEST_MINOS but the app declares $MIN_MACOS:" \
        "it would not start there. Build on the oldest supported macOS or build Pango with" \
        "MACOSX_DEPLOYMENT_TARGET=$MIN_MACOS (build/macos/README.md)." >&2
    PROBLEMS=$((PROBLEMS + 1))
fi
if [[ "$REQUIRE_PANGO" == 1 ]] && ! grep -q '/libpango-1\.0[^/]*\.dylib$' "$WORK/machos.txt"; then
    echo "make_dmg: libpango-1.0 is not in the bundle: PDF export would fail on clients." \
        "brew install pango, rebuild (build/macos/README.md), or --allow-missing-pango." >&2
    PROBLEMS=$((PROBLEMS + 1))
fi
[[ "$PROBLEMS" == 0 ]] || die "$PROBLEMS problem(s) in $APP; nothing packaged"

case "$MAIN_ARCHS" in
    *arm64*x86_64*|*x86_64*arm64*) ARCH_NAME="universal2" ;;
    *) ARCH_NAME="${MAIN_ARCHS// /-}" ;;
esac

# ------------------------------------------------------------------------ signing

sign() {  # sign one file or bundle with the hardened runtime and a secure timestamp
    codesign --force --timestamp --options runtime --sign "$IDENTITY" "$@"
}

if [[ -n "$IDENTITY" ]]; then
    # Captured first: `security ... | grep -q` can die of SIGPIPE and fail under pipefail.
    identities="$(security find-identity -v -p codesigning)"
    grep -qF "$IDENTITY" <<< "$identities" ||
        die "no valid signing identity '$IDENTITY' in the keychain (security find-identity -v -p codesigning)"
    echo "signing $(wc -l < "$WORK/machos.txt" | tr -d ' ') binaries as $IDENTITY"
    # Inside-out: libraries and extension modules first (deepest paths first), then the
    # nested frameworks, then the app with its entitlements. No --deep: it would give
    # every nested binary the app's entitlements and skip code outside the usual places.
    while IFS= read -r binary; do
        [[ "$binary" == "$EXECUTABLE" ]] && continue
        sign "$binary"
    done < "$WORK/machos.txt"
    find "$APP/Contents" -type d -name '*.framework' | awk -F/ '{ print NF "\t" $0 }' |
        sort -rn | cut -f2- | while IFS= read -r framework; do
            sign "$framework"
        done
    sign --entitlements "$ENTITLEMENTS" "$APP"
else
    echo "RF_CODESIGN_IDENTITY is not set: keeping PyInstaller's ad-hoc signature." \
        "Gatekeeper will block this app on other Macs (fine for a local test build)." >&2
fi

codesign --verify --deep --strict --verbose=2 "$APP"
if [[ -n "$IDENTITY" ]]; then
    codesign --display --entitlements - "$APP"
fi

if [[ "$SELF_TEST" == 1 ]]; then
    # The signed app under the hardened runtime: proves the entitlements are enough and that
    # library validation accepts every library (nothing loaded from Homebrew).
    "$EXECUTABLE" --self-test || die "the frozen self-test failed; nothing packaged"
fi

notarise() {  # submit one file, wait, fail with Apple's log unless it is Accepted
    local file="$1" result status id
    result="$WORK/notary-$(basename "$file").plist"
    echo "notarising $(basename "$file") (this usually takes a few minutes)"
    xcrun notarytool submit "$file" --keychain-profile "$NOTARY_PROFILE" --wait \
        --output-format plist > "$result" || true
    status="$("$PLISTBUDDY" -c 'Print :status' "$result" 2>/dev/null || echo unknown)"
    id="$("$PLISTBUDDY" -c 'Print :id' "$result" 2>/dev/null || true)"
    if [[ "$status" != "Accepted" ]]; then
        cat "$result" >&2 || true
        if [[ -n "$id" ]]; then
            xcrun notarytool log "$id" --keychain-profile "$NOTARY_PROFILE" >&2 || true
        fi
        die "notarisation of $(basename "$file") ended with status '$status'"
    fi
}

if [[ -n "$NOTARY_PROFILE" ]]; then
    # The app itself is notarised and stapled first, so it opens offline once copied out
    # of the dmg; then the dmg, so the download opens without a warning.
    ditto -c -k --sequesterRsrc --keepParent "$APP" "$WORK/$APP_NAME.zip"
    notarise "$WORK/$APP_NAME.zip"
    xcrun stapler staple "$APP"
    xcrun stapler validate "$APP"
    spctl --assess --type execute --verbose=2 "$APP"
fi

# --------------------------------------------------------------------------- dmg

mkdir -p "$OUT"
DMG="$OUT/$APP_NAME-$VERSION-macos-$ARCH_NAME.dmg"
STAGE="$WORK/stage"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/$(basename "$APP")"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Rooting Future $VERSION" -srcfolder "$STAGE" -fs HFS+ \
    -format "$FORMAT" -ov "$DMG"
hdiutil verify "$DMG"

if [[ -n "$IDENTITY" ]]; then
    codesign --force --timestamp --sign "$IDENTITY" "$DMG"
    codesign --verify --strict --verbose=2 "$DMG"
fi
if [[ -n "$NOTARY_PROFILE" ]]; then
    notarise "$DMG"
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
fi

echo "built $DMG ($(du -h "$DMG" | cut -f1))"
echo "SHA-256 $(shasum -a 256 "$DMG" | cut -d' ' -f1)"
if [[ -z "$NOTARY_PROFILE" ]]; then
    echo "not notarised: set RF_CODESIGN_IDENTITY and RF_NOTARY_PROFILE for a release" >&2
fi
