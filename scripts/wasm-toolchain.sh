# Sourced by the package builds: picks how the release wasm is compiled.
#
# With a nightly toolchain that has rust-src (scripts/provision.sh adds it where nightly is
# installed), the standard library is rebuilt for the wasm with `panic=immediate-abort`: a panic
# traps at once instead of formatting its message first, which drops core's panic and formatting
# code (about 8 KB gzip of the card package), and without the source locations panics would
# name (`-Zlocation-detail=none`, 0.6 KB). Nothing else changes: the crate's code never panics
# on input, and the stable build's panic=abort prints nothing either. Without nightly the stable
# toolchain builds the same code, only larger. PAYGATE_STABLE_BUILD=1 forces the stable build.
# Exports what cargo reads ([unstable] build-std as CARGO_UNSTABLE_BUILD_STD), and
# PAYGATE_BUILD_KIND (`nightly` or `stable`): the size budget of scripts/size.mjs depends on it.
if [ -z "${PAYGATE_STABLE_BUILD:-}" ] \
  && rustup toolchain list 2>/dev/null | grep -q '^nightly' \
  && rustup +nightly component list --installed 2>/dev/null | grep -q '^rust-src' \
  && rustup +nightly target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  export RUSTUP_TOOLCHAIN=nightly
  export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
  export CARGO_TARGET_DIR="$PWD/target/immediate-abort"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  # std's own smaller variants of its algorithms (sorting, formatting), 1.1 KB gzip.
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export PAYGATE_BUILD_KIND=nightly
  echo "build: nightly with build-std and panic=immediate-abort (PAYGATE_STABLE_BUILD=1 for stable)"
else
  export PAYGATE_BUILD_KIND=stable
  echo "build: stable toolchain (no nightly with rust-src and the wasm32 target: a larger wasm)"
fi
