# Sourced by .ci/run (and usable by hand: `source .ci/node.sh`): makes Node 24, the tested
# runtime, the first `node` on PATH. When the machine's node is older, Node 24 comes from the npm
# registry's `node` package (an exact version, installed once into a cache folder), so a machine
# with only Node 20 and npm still runs the suite on 24.
IESS_CI_NODE_VERSION="${IESS_CI_NODE_VERSION:-24.21.0}"
iess_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(iess_node_major)" -lt "${IESS_CI_NODE_VERSION%%.*}" ]; then
  iess_node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/iess-clave/node-$IESS_CI_NODE_VERSION"
  if [ ! -x "$iess_node_dir/node_modules/node/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "Se necesita Node $IESS_CI_NODE_VERSION (o npm para instalarlo): https://nodejs.org/" >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "Installing Node $IESS_CI_NODE_VERSION from the npm registry into $iess_node_dir …"
    mkdir -p "$iess_node_dir"
    npm install --prefix "$iess_node_dir" --no-audit --no-fund --no-package-lock --loglevel=error "node@$IESS_CI_NODE_VERSION" >/dev/null
  fi
  export PATH="$iess_node_dir/node_modules/node/bin:$PATH"
  hash -r
fi
echo "node $(node --version) ($(command -v node)), npm $(npm --version)"
