#!/usr/bin/env bash
# setup-notebooks.sh: take a fresh Debian 12 machine (with Go already installed) to the point where
# this repository's GoNB notebooks run headless (scripts/test-notebooks.sh).
#
# It installs, skipping whatever is already there at the right version:
#   1. Jupyter from Debian packages (jupyter-nbconvert, jupyter-client) -> /usr/bin/jupyter
#   2. goimports and gopls at pinned versions (GoNB needs both on PATH)   -> $(go env GOPATH)/bin
#   3. GoNB, the Go kernel, at the version pinned in go.mod               -> $(go env GOPATH)/bin
#   4. the "gonb" Jupyter kernel spec (gonb --install --raw_error)         -> ~/.local/share/jupyter
#
# Safe to run again (idempotent), as root without a TTY (CI), or as a user with sudo for apt.
# Needs network access to the Go module proxy and to the Debian mirrors (only when something is
# missing). See environment.md for the same steps done by hand.
set -euo pipefail

GONB_VERSION=v0.11.1       # must match the `github.com/janpfeifer/gonb` line of go.mod
GOIMPORTS_VERSION=v0.36.0  # golang.org/x/tools (module of cmd/goimports)
GOPLS_VERSION=v0.20.0      # golang.org/x/tools/gopls
APT_PACKAGES=(jupyter-nbconvert jupyter-client)
JUPYTER=/usr/bin/jupyter   # not `python3 -m ...`: a pyenv/venv python3 first on PATH may lack Jupyter

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ORIG_PATH=$PATH

did=()      # what this run changed
already=()  # what was there already
say() { printf '[setup-notebooks] %s\n' "$*"; }
die() { printf '[setup-notebooks] ERROR: %s\n' "$*" >&2; exit 1; }

# --- Go ---------------------------------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
  [[ -x /usr/local/go/bin/go ]] && PATH=/usr/local/go/bin:$PATH
fi
command -v go >/dev/null 2>&1 || die "go not found: install Go >= 1.26 first (https://go.dev/dl/) and put it on PATH"
GOBIN_DIR=$(go env GOBIN)
[[ -n "$GOBIN_DIR" ]] || GOBIN_DIR="$(go env GOPATH | cut -d: -f1)/bin"
export PATH="$GOBIN_DIR:$PATH"  # gonb --install checks that goimports and gopls are on PATH
say "go: $(go version) ; binaries go to $GOBIN_DIR"

# module_version BINARY MODULE: the version of MODULE that BINARY was built from ("" if unknown).
module_version() {
  [[ -x "$1" ]] || return 0
  go version -m "$1" 2>/dev/null | awk -v m="$2" '($1=="mod"||$1=="dep") && $2==m {print $3; exit}'
}

# --- 1. Jupyter (Debian packages) ---------------------------------------------------------------
jupyter_ok() {
  [[ -x $JUPYTER ]] && $JUPYTER nbconvert --version >/dev/null 2>&1 &&
    $JUPYTER kernelspec list >/dev/null 2>&1
}
if jupyter_ok; then
  already+=("jupyter (nbconvert $($JUPYTER nbconvert --version 2>/dev/null))")
else
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "installing ${APT_PACKAGES[*]} needs root (or sudo)"
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_install() { "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${APT_PACKAGES[@]}"; }
  # apt-get update only when the package lists do not know the packages, or an install from
  # stale lists fails (e.g. 404 on an old .deb).
  # (Captured first: `apt-cache ... | grep -q` would fail under pipefail with SIGPIPE.)
  policy=$(apt-cache policy "${APT_PACKAGES[@]}" 2>/dev/null || true)
  if [[ $(grep -c 'Candidate: [0-9]' <<<"$policy" || true) -lt ${#APT_PACKAGES[@]} ]]; then
    say "apt package lists lack ${APT_PACKAGES[*]}: apt-get update"
    "${SUDO[@]}" apt-get update -q
    did+=("apt-get update")
  fi
  say "apt-get install ${APT_PACKAGES[*]}"
  if ! apt_install; then
    say "install failed; refreshing package lists and retrying"
    "${SUDO[@]}" apt-get update -q
    did+=("apt-get update")
    apt_install
  fi
  jupyter_ok || die "$JUPYTER nbconvert still does not work after installing ${APT_PACKAGES[*]}"
  did+=("apt-get install ${APT_PACKAGES[*]} (nbconvert $($JUPYTER nbconvert --version))")
fi

# --- 2. goimports and gopls (pinned) ----------------------------------------------------------
# `go install pkg@version` with an explicit version needs no version listing, which the module
# proxy here refuses (403 on @latest and `go list -m -versions`).
install_pinned() { # NAME PACKAGE MODULE VERSION
  local name=$1 pkg=$2 mod=$3 ver=$4 have
  have=$(module_version "$GOBIN_DIR/$name" "$mod")
  if [[ "$have" == "$ver" ]]; then
    already+=("$name $ver")
    return
  fi
  say "go install $pkg@$ver${have:+ (replacing $have)}"
  (cd /tmp && GOFLAGS='' go install "$pkg@$ver")
  did+=("$name $ver${have:+ (was $have)}")
}
install_pinned goimports golang.org/x/tools/cmd/goimports golang.org/x/tools "$GOIMPORTS_VERSION"
install_pinned gopls golang.org/x/tools/gopls golang.org/x/tools/gopls "$GOPLS_VERSION"

# --- 3. GoNB ----------------------------------------------------------------------------------
# `go install github.com/janpfeifer/gonb@v0.11.1` fails here (the proxy refuses a listing it asks
# for). Route 1: build it from this repository's go.mod, which pins it as a `tool`. Route 2 (when
# the repository's pin differs or its go.sum lacks an entry): a throw-away module.
have=$(module_version "$GOBIN_DIR/gonb" github.com/janpfeifer/gonb)
if [[ "$have" == "$GONB_VERSION" ]]; then
  already+=("gonb $GONB_VERSION")
else
  [[ -n "$have" ]] && say "gonb at $GOBIN_DIR/gonb is $have, want $GONB_VERSION"
  pinned=$(cd "$ROOT" && go list -m -f '{{.Version}}' github.com/janpfeifer/gonb 2>/dev/null || true)
  route=""
  if [[ "$pinned" == "$GONB_VERSION" ]]; then
    say "go install github.com/janpfeifer/gonb (version $pinned from $ROOT/go.mod)"
    if (cd "$ROOT" && go install -mod=readonly github.com/janpfeifer/gonb); then
      route="repo go.mod"
    else
      say "building from the repository's go.mod failed; trying a throw-away module"
    fi
  else
    say "repository go.mod pins gonb '${pinned:-<none>}', not $GONB_VERSION: using a throw-away module"
  fi
  if [[ -z "$route" ]]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && GOFLAGS='' go mod init gonb-install &&
      GOFLAGS='' go get "github.com/janpfeifer/gonb@$GONB_VERSION" &&
      GOFLAGS='' go install github.com/janpfeifer/gonb)
    route="throw-away module"
  fi
  have=$(module_version "$GOBIN_DIR/gonb" github.com/janpfeifer/gonb)
  [[ "$have" == "$GONB_VERSION" ]] || die "installed gonb reports version '${have}', want $GONB_VERSION"
  did+=("gonb $GONB_VERSION (via $route)")
fi

# --- 4. Jupyter kernel spec -------------------------------------------------------------------
KERNEL_JSON="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels/gonb/kernel.json"
# The spec is right when it runs a gonb binary of the pinned version with --raw_error. (gonb
# --install points it at the binary itself, or at a copy next to kernel.json when the binary lies
# under /tmp.)
kernel_ok() {
  local argv0
  [[ -f "$KERNEL_JSON" ]] || return 1
  argv0=$(/usr/bin/python3 -c '
import json, sys
argv = json.load(open(sys.argv[1])).get("argv", [])
print(argv[0] if argv and "--raw_error" in argv else "")' "$KERNEL_JSON") || return 1
  [[ -n "$argv0" && "$(module_version "$argv0" github.com/janpfeifer/gonb)" == "$GONB_VERSION" ]]
}
if kernel_ok; then
  already+=("gonb kernel spec ($KERNEL_JSON)")
else
  say "registering the kernel: gonb --install --raw_error"
  "$GOBIN_DIR/gonb" --install --raw_error  # (klog adds --logtostderr, its default, to argv)
  kernel_ok || die "kernel spec $KERNEL_JSON missing or wrong after gonb --install"
  did+=("gonb kernel spec ($KERNEL_JSON)")
fi
$JUPYTER kernelspec list 2>/dev/null | grep -qw gonb || die "jupyter kernelspec list does not show gonb"

# --- summary ----------------------------------------------------------------------------------
say "summary: already there (skipped):"
if ((${#already[@]} == 0)); then say "  (nothing)"; fi
for x in "${already[@]}"; do say "  = $x"; done
say "summary: done by this run:"
if ((${#did[@]} == 0)); then say "  (nothing; everything was already set up)"; fi
for x in "${did[@]}"; do say "  + $x"; done
case ":$ORIG_PATH:" in
  *":$GOBIN_DIR:"*) ;;
  *) say "hint: add $GOBIN_DIR to PATH (export PATH=\"$GOBIN_DIR:\$PATH\"); scripts/test-notebooks.sh does it itself" ;;
esac
say "ready: scripts/test-notebooks.sh runs the notebooks"
