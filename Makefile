# The two commands of the README. Each installs what is missing and says what it is doing.
#   make run    opens the desktop app on a demo workspace
#   make test   every check and test: fmt, clippy, Rust, UI, end-to-end under Xvfb

SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help run test deps system-deps node-deps driver-deps py-deps node-sdk-deps ui ui-check rust-check rust-test bindings bench

# Debian/Ubuntu packages: the WebKitGTK webview and its dev files, its WebDriver, a virtual display.
APT_PACKAGES := build-essential pkg-config libdbus-1-dev libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb xauth python3 python3-venv
NODE_MIN := 20.19.0
# Segment's own Python library, which the collector's tests send with.
SDK_VENV := $(CURDIR)/target/sdk-venv
NODE_SDK := $(CURDIR)/target/sdk-node
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)

help:
	@echo "make run    open Switchboard on a demo workspace (installs what is missing)"
	@echo "make test   run every check and test (installs what is missing)"

run: system-deps ui
	@echo "==> Starting Switchboard (data in \$$SWITCHBOARD_DATA_DIR or the OS data dir)"
	cargo run --bin switchboard

# The last line is the plain total of the Rust tests (unit, integration, end-to-end).
test: deps ui-check rust-check rust-test

deps: system-deps node-deps driver-deps py-deps node-sdk-deps

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "==> System packages present"; exit 0; fi; \
	echo "==> Installing system packages: $$missing"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; else \
	  sudo="sudo"; \
	  if [ -t 0 ] && [ -z "$$CI" ]; then \
	    read -r -p "Run 'sudo apt-get install' for these packages? [y/N] " ok; \
	    case "$$ok" in y|Y|yes) ;; *) echo "Install them yourself, then run make again."; exit 1;; esac; \
	  fi; \
	fi; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing

node-deps:
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  echo "==> Installing Node.js and npm from the distribution"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq nodejs npm; }
	@node -e 'const [a,b,c]=process.versions.node.split(".").map(Number),[x,y,z]="$(NODE_MIN)".split(".").map(Number); process.exit(a>x||(a===x&&(b>y||(b===y&&c>=z)))?0:1)' || \
	  { echo "Node.js $$(node --version) is too old: the UI's build (Vite 7) needs $(NODE_MIN) or newer. Install a newer Node.js and run make again."; exit 1; }
	@if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then \
	  echo "==> Installing the UI's npm packages (npm ci)"; cd ui && npm ci --no-audit --no-fund; \
	else echo "==> UI npm packages present"; fi

driver-deps:
	@if command -v tauri-driver >/dev/null; then echo "==> tauri-driver present"; else \
	  echo "==> Installing tauri-driver (cargo install, from crates.io)"; \
	  cargo install tauri-driver --locked --quiet; fi

py-deps:
	@if $(SDK_VENV)/bin/python -c "import segment.analytics" 2>/dev/null; then \
	  echo "==> analytics-python present"; else \
	  echo "==> Installing analytics-python (Segment's library, from PyPI) into target/sdk-venv for the collector's tests"; \
	  python3 -m venv $(SDK_VENV) && \
	  $(SDK_VENV)/bin/pip install --quiet --disable-pip-version-check 'segment-analytics-python>=2.3,<3'; fi

node-sdk-deps: node-deps
	@if [ -f $(NODE_SDK)/node_modules/@segment/analytics-node/package.json ]; then \
	  echo "==> analytics-node present"; else \
	  echo "==> Installing analytics-node (Segment's library, from npm) into target/sdk-node for the collector's tests"; \
	  mkdir -p $(NODE_SDK) && npm install --prefix $(NODE_SDK) --no-audit --no-fund --silent @segment/analytics-node@2.3.0; fi

# The app embeds ui/dist at compile time, so the UI is built before cargo builds the app.
ui: node-deps
	@echo "==> Building the UI"
	cd ui && npm run build

ui-check: ui
	@echo "==> UI: type check, lint, tests"
	cd ui && npm run typecheck && npm run lint && npm test

rust-check:
	@echo "==> Rust: format and clippy"
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings

rust-test:
	@echo "==> Rust: all tests, the end-to-end ones in a real window under Xvfb"
	@mkdir -p target
	set -o pipefail; SWITCHBOARD_PYTHON=$(SDK_VENV)/bin/python SWITCHBOARD_NODE_SDK=$(NODE_SDK)/node_modules \
	  xvfb-run -a -s "-screen 0 1600x1000x24" cargo test --workspace 2>&1 | tee target/rust-test.log
	@awk '/^test result:/ { p += $$4; f += $$6 } END { printf "tests: %d passed, %d failed\n", p, f }' target/rust-test.log

# Rewrites ui/src/bindings from the Rust IPC types.
bindings:
	UPDATE_BINDINGS=1 cargo test --test ipc typescript_bindings

# Benchmarks report; they do not gate CI.
bench:
	cargo bench -p switchboard-workspace
