# katabook: `make serve` builds and serves the course, `make test` runs every test.
GO      ?= go
OUT     ?= public
PORT    ?= 8080
BIN     := bin/katabook
WASMDIR := site/wasmbin
GOROOT  := $(shell $(GO) env GOROOT)

.PHONY: all wasm build site serve test bench fuzz vet clean

all: build

# The engine compiled to WebAssembly, with the wasm_exec.js of the same Go.
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASMDIR)/engine.wasm ./wasm
	cp $(GOROOT)/lib/wasm/wasm_exec.js $(WASMDIR)/wasm_exec.js

# The CLI embeds the course, the schemas and the WASM engine.
build: wasm
	$(GO) build -trimpath -o $(BIN) ./cmd/katabook

site: build
	$(BIN) build --out $(OUT)

serve: build
	$(BIN) serve --port $(PORT)

vet: wasm
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./engine/... ./wasm/...

test: vet
	$(GO) test -count=1 ./...

bench: wasm
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(OUT) $(WASMDIR)/engine.wasm $(WASMDIR)/wasm_exec.js
