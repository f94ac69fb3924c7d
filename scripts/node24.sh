#!/usr/bin/env bash
# Sourced by test-all.sh for its second pass, on Node 24 LTS:
#   use_node24            puts Node 24 first on the PATH (node, npx and every `#!/usr/bin/env node` script, so also
#                         the Next server and emulator that Playwright starts), fetching it once into .cache/node24
#                         from the npm registry's node-<platform>-<arch> package;
#   sqlite_addon_for_path makes better-sqlite3's native addon the build for the `node` now on the PATH.
# Builds of the addon are kept per Node ABI in .cache/better-sqlite3, so switching costs a file copy, not a compile;
# test-all.sh switches back in a trap, leaving node_modules as it found it.

NODE24_HOME=.cache/node24
ADDON=node_modules/better-sqlite3/build/Release/better_sqlite3.node

use_node24() {
  if [[ ! -x "$NODE24_HOME/bin/node" ]]; then
    local package download
    package="node-$(node -p 'process.platform + "-" + process.arch')@24"
    echo "fetching Node 24 LTS ($package) from the npm registry…"
    mkdir -p .cache
    download=$(mktemp -d .cache/node24-download.XXXXXX)
    (cd "$download" && npm pack --silent "$package" >/dev/null)
    mkdir "$download/node"
    tar -xzf "$download"/*.tgz -C "$download/node" --strip-components=1
    # Moved in whole, so an interrupted download is never taken for a runtime.
    rm -rf "$NODE24_HOME"
    mv "$download/node" "$NODE24_HOME"
    rm -rf "$download"
  fi
  PATH="$PWD/$NODE24_HOME/bin:$PATH"
  export PATH
}

addon_loads() {
  node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null
}

# Replaces the file by renaming a copy over it: node_modules may be hard-linked to other checkouts, and writing
# into the linked file would change theirs too.
install_addon() {
  cp "$1" "$ADDON.tmp" && mv -f "$ADDON.tmp" "$ADDON"
}

sqlite_addon_for_path() {
  local version cached
  version=$(node -p "require('better-sqlite3/package.json').version")
  cached=".cache/better-sqlite3/$version-$(node -p 'process.platform + "-" + process.arch + "-abi" + process.versions.modules').node"
  if addon_loads; then
    :
  elif [[ -f "$cached" ]]; then
    install_addon "$cached"
  else
    echo "building better-sqlite3 $version for Node $(node --version) (once; kept in .cache/better-sqlite3)…"
    # From source: no prebuilt binary is reachable from here, and trying costs minutes. node-gyp builds against the
    # headers that come with Node 24's package instead of downloading them.
    if [[ "$(command -v node)" == "$PWD/$NODE24_HOME/bin/node" ]]; then
      npm_config_build_from_source=true npm_config_nodedir="$PWD/$NODE24_HOME" npm rebuild better-sqlite3 >/dev/null
    else
      npm_config_build_from_source=true npm rebuild better-sqlite3 >/dev/null
    fi
  fi
  if ! addon_loads; then
    echo "better-sqlite3 does not load on Node $(node --version); try: npm rebuild better-sqlite3" >&2
    return 1
  fi
  mkdir -p .cache/better-sqlite3
  [[ -f "$cached" ]] || cp "$ADDON" "$cached"
}
