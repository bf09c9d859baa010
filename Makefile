# The two commands a newcomer needs: `make serve` and `make test`.
# Everything else is a step of those.

PORT ?= 8080
NODE_BIN := $(CURDIR)/node_modules/.bin
export PATH := $(NODE_BIN):$(PATH)

.PHONY: serve test setup build bench cli clean

## serve: install what is missing, build, and serve the studio on 127.0.0.1:$(PORT)
serve: setup
	@echo "Routecraft studio: http://127.0.0.1:$(PORT)/  (Ctrl+C to stop)"
	trunk serve --release --address 127.0.0.1 --port $(PORT)

## test: every test, in order, ending with the runners' summary lines
test:
	./scripts/test.sh

setup:
	./scripts/setup.sh

build: setup
	trunk build --release

bench:
	./scripts/bench.sh

## cli: build the command-line tool to target/release/routecraft
cli:
	cargo build --release -p routecraft-cli

clean:
	cargo clean
	rm -rf dist
