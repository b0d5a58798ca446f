# Build and test lgsp-paygate: the Rust crate, its WebAssembly package and the debugger page.
# `make test` runs every check in order and stops at the first failure; it needs no TTY.
# Each tool is installed only when missing (or at the wrong version), so `make tools` is
# cheap to repeat.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
# The test steps must run one after another, in the order listed.
.NOTPARALLEL:

# node_modules/.bin first: its wasm-opt is the one wasm-pack must find, not a system one.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export DEBIAN_FRONTEND := noninteractive

WASM_TARGET := wasm32-unknown-unknown
WASM_PACK_VERSION := 0.15.1
# The wasm-bindgen CLI must be the very version the crate links against.
WASM_BINDGEN_VERSION = $(shell awk -F'"' '$$0 == "name = \"wasm-bindgen\"" { getline; print $$2; exit }' Cargo.lock)
# On CI the committed Cargo.lock must already be complete.
CARGO_LOCKED := $(if $(filter true 1,$(CI)),--locked)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

PORT ?= 8080
HOST ?= 127.0.0.1
# The debugger page in one file, to carry where make serve cannot run.
PAGE_FILE := dist/lgsp-paygate-debugger.html

# Everything the package is built from; pkg/ is rebuilt only when one of these changes.
PKG_INPUTS := Cargo.toml Cargo.lock $(shell find src crates -type f 2>/dev/null) \
	$(shell find pkg-template docs scripts/build -type f 2>/dev/null) scripts/build-pkg.mjs CHANGELOG.md

.PHONY: help tools tools-rust tools-wasm-pack tools-wasm-bindgen tools-npm tools-browser \
	pkg page-file serve lint test-rust test-vectors test-wasm test-node test-browser test-consumers test clean \
	tools-fuzz test-fuzz fuzz bench

help:
	@echo "make tools         install what is missing: wasm target, clippy, rustfmt, wasm-pack,"
	@echo "                   wasm-bindgen CLI (Cargo.lock's version), npm dev tools, chromium"
	@echo "make pkg           build the npm package into pkg/"
	@echo "make serve         build, then serve the page at http://$(HOST):$(PORT)/"
	@echo "make page-file     the page as one HTML file that works offline: $(PAGE_FILE)"
	@echo "make lint          rustfmt check, clippy (native and $(WASM_TARGET))"
	@echo "make test          lint, test-rust, test-fuzz, test-vectors, test-wasm, pkg, test-node, test-browser,"
	@echo "                   test-consumers"
	@echo "make test-consumers  the packed package in bundlers, frameworks, runtimes; tsc, publint, attw"
	@echo "make test-fuzz     every fuzz target for $(TEST_FUZZ_SECONDS) s from the committed corpus; fails on a crash"
	@echo "make fuzz          a long fuzz run, $(FUZZ_SECONDS) s per target (FUZZ_SECONDS=n)"
	@echo "make bench         benchmark the built package against node:crypto, hash-wasm, @noble/hashes,"
	@echo "                   time diagnose() in Chromium, parseLoose() on 1 MB bodies, the"
	@echo "                   debugger page's typing latency and its load (served and one file,"
	@echo "                   unthrottled and Fast 3G), and soak mock + client + handler"
	@echo "make clean         remove pkg/ and dist/"

# ---------------------------------------------------------------------------------------------
# Tools

tools: tools-rust tools-wasm-pack tools-wasm-bindgen tools-npm tools-browser

tools-rust:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' \
		|| rustup target add $(WASM_TARGET)
	@for component in clippy rustfmt; do \
		rustup component list --installed | grep -q "^$$component" \
			|| rustup component add $$component; \
	done

tools-wasm-pack:
	@if [[ "$$(wasm-pack --version 2>/dev/null)" != "wasm-pack $(WASM_PACK_VERSION)" ]]; then \
		cargo install wasm-pack --version '=$(WASM_PACK_VERSION)' --locked; \
	fi

# Installed without --locked: the CLI's own lock file does not build with current toolchains.
tools-wasm-bindgen:
	@version='$(WASM_BINDGEN_VERSION)'; \
	if [[ -z "$$version" ]]; then echo "no wasm-bindgen in Cargo.lock" >&2; exit 1; fi; \
	if [[ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $$version" \
		|| "$$(wasm-bindgen-test-runner --version 2>/dev/null)" != *" $$version" ]]; then \
		cargo install wasm-bindgen-cli --version "=$$version"; \
	fi

tools-npm: node_modules/.installed

# npm ci empties node_modules/ first, taking this stamp with it.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The consumer matrix's bundlers, frameworks and runtimes: their own lock file, installed apart.
tests/consumers/node_modules/.installed: tests/consumers/package.json tests/consumers/package-lock.json
	cd tests/consumers && npm ci --no-audit --no-fund
	@touch $@

tools-browser:
	@if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then \
		$(SUDO) apt-get update; \
		$(SUDO) apt-get install -y chromium chromium-driver; \
	fi

# ---------------------------------------------------------------------------------------------
# Build

pkg: pkg/package.json

pkg/package.json: $(PKG_INPUTS) | tools-rust tools-wasm-pack tools-wasm-bindgen tools-npm
	node scripts/build-pkg.mjs

# The page is built from www/ and pkg/ by scripts/build-page.mjs: serve.mjs builds it as it
# starts (and again when a source changes); page-file writes it as one HTML file.
serve: pkg
	node scripts/serve.mjs --port $(PORT) --host $(HOST)

page-file: $(PAGE_FILE)

$(PAGE_FILE): pkg/package.json $(shell find www -type f 2>/dev/null) scripts/build-page.mjs | tools-npm
	node scripts/build-page.mjs --file $@

clean:
	rm -rf pkg dist

# ---------------------------------------------------------------------------------------------
# Checks, in the order `make test` runs them

lint: tools-rust
	cargo fmt --all --check
	cargo clippy $(CARGO_LOCKED) --workspace --all-targets -- -D warnings
	cargo clippy $(CARGO_LOCKED) --workspace --all-targets --target $(WASM_TARGET) -- -D warnings
	cargo clippy $(CARGO_LOCKED) -p lgsp-paygate-hash --features exports --target $(WASM_TARGET) -- -D warnings

test-rust:
	cargo test $(CARGO_LOCKED) --workspace

test-vectors:
	@if [[ -f tests/vectors/generate.py ]]; then \
		echo "python3 tests/vectors/generate.py --check"; \
		python3 tests/vectors/generate.py --check; \
	else \
		echo "test-vectors: tests/vectors/generate.py not written yet, skipped"; \
	fi

# The second run forces the browser for test files not configured with run_in_browser;
# the runner starts Chromium headless and without its sandbox (needed as root).
test-wasm: tools-rust tools-wasm-pack tools-wasm-bindgen tools-browser
	wasm-pack test --mode no-install --node
	WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --mode no-install --headless --chrome

# The reference unit backend's own dependencies (Express, better-sqlite3), for its tests; its
# lgsp-paygate is a link to pkg/, replaced by the packed tarball when tested.
.PHONY: tools-example
tools-example: examples/unit-backend/node_modules/.installed

examples/unit-backend/node_modules/.installed: examples/unit-backend/package.json examples/unit-backend/package-lock.json | pkg
	cd examples/unit-backend && npm ci --no-audit --no-fund
	@touch $@

test-node: pkg tools-example
	node tests/node/run-packed.mjs

test-browser: pkg tools-browser
	node tests/browser/run.mjs

# The packed package in esbuild, webpack, Vite, Next.js, Bun, Deno, Workers, Jest and Vitest
# consumers, then tsc under every moduleResolution, publint and attw.
test-consumers: pkg tools-browser tests/consumers/node_modules/.installed
	node tests/consumers/run.mjs

test: lint test-rust test-fuzz test-vectors test-wasm pkg test-node test-browser test-consumers

# ---------------------------------------------------------------------------------------------
# Fuzzing and benchmarks (fuzz/ is its own cargo workspace; fuzz/run.sh runs it on the stable
# toolchain with RUSTC_BOOTSTRAP=1, with AddressSanitizer when the toolchain ships it)

TEST_FUZZ_SECONDS ?= 8
FUZZ_SECONDS ?= 600

tools-fuzz:
	@command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked || cargo install cargo-fuzz

# Seven targets x 8 s: about a minute of fuzzing (the first build compiles libFuzzer too).
test-fuzz: tools-fuzz
	cargo fmt --manifest-path fuzz/Cargo.toml --check
	fuzz/run.sh $(TEST_FUZZ_SECONDS)

# Grows fuzz/work/<target>/ from run to run; crashes land in fuzz/artifacts/<target>/.
fuzz: tools-fuzz
	FUZZ_KEEP=1 fuzz/run.sh $(FUZZ_SECONDS)

bench: pkg tools-browser
	node bench/checksum.mjs
	node bench/diagnose-browser.mjs
	node bench/loose.mjs
	node bench/page-typing.mjs
	node bench/page-load.mjs
	node bench/soak.mjs
