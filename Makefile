# Developer checks. `make check` is what CI runs (.ci/run); `make fuzz-short`
# runs every fuzz target for a minute (too long for CI, see the README's
# Hardening section); `make hardening` runs both plus the hostile-input and
# property tests on their own.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := pdf_document text_export docx_document html_page number diff

.PHONY: check fmt clippy test hardening fuzz-short fuzz-build $(addprefix fuzz-,$(FUZZ_TARGETS))

check: fmt clippy test

fmt:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets --locked -- -D warnings

test:
	cargo test --workspace --profile ci --locked

# The hostile-input, property, text-decoding and fuzz-regression suites only.
hardening:
	cargo test --profile ci --locked --test hostile_input --test properties \
		--test text_decoding --test fuzz_regressions --test cli
	cargo test --profile ci --locked -p internbudget-pdf --test hostile

# Builds every fuzz target (stable toolchain, RUSTC_BOOTSTRAP=1).
fuzz-build:
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build -O -a -s none

# Each target for FUZZ_SECONDS, one at a time; new crashes are kept in
# fuzz/regressions/TARGET/ and make the run fail.
fuzz-short:
	scripts/fuzz.sh all $(FUZZ_SECONDS)

$(addprefix fuzz-,$(FUZZ_TARGETS)):
	scripts/fuzz.sh $(@:fuzz-%=%) $(FUZZ_SECONDS)
