# Kiosk firmware. `make run` and `make test` are the two entry points; both install
# missing Debian packages first (tools/install-deps.sh). `make test SANITIZE=1` builds
# with ASan+UBSan into build-asan/. `make bench` prints `name value unit` lines.

SANITIZE ?= 0
FUZZ ?= 0
ifeq ($(FUZZ),1)
# libFuzzer build (make fuzz): clang, ASan+UBSan, coverage on every object
B := build-fuzz
CC := clang
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
else ifeq ($(SANITIZE),1)
B := build-asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
B := build
SANFLAGS :=
endif

CC ?= cc
PKGS := sdl2 SDL2_ttf inih libqrencode libpng libjpeg sqlite3 libusb-1.0 libcurl libssl libcrypto jansson zbar libsystemd
DEPS_STAMP := $(B)/.deps-ok

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla -Werror
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) \
	-MMD -MP -I. -I$(B)/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring -lpthread -lm
LDFLAGS += $(SANFLAGS)

CORE_SRC := $(filter-out firmware/main.c,$(wildcard firmware/*.c firmware/journey/*.c)) \
	$(wildcard ui/*.c) $(wildcard drivers/*.c drivers/*/*.c)
EMBED_SRC := $(sort $(wildcard assets/i18n/*.ini) config/kiosk.ini $(wildcard config/catalog-*.ini))
CORE_OBJ := $(CORE_SRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/embedded.o
TEST_SRC := tests/t.c $(wildcard tests/unit/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(B)/obj/%.o)
# The USB driver tests run against an emulated printer (umockdev), in their own binary;
# GLib's headers are included as system headers so the strict warnings stay ours.
UMOCK_PKGS := umockdev-1.0 glib-2.0 gobject-2.0
UMOCK_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(UMOCK_PKGS) 2>/dev/null))
UMOCK_LIBS = $(shell pkg-config --libs $(UMOCK_PKGS) 2>/dev/null)
USB_TEST_OBJ := $(B)/obj/tests/t.o $(patsubst %.c,$(B)/obj/%.o,$(wildcard tests/usb/*.c))
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(B)/fuzz_%_replay)
FUZZ_SECONDS ?= 60
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(B)/%)

.PHONY: all deps run test unit bench goldens clean fuzz deb test-deb
.SECONDARY:
all: $(B)/kiosk $(B)/unit_tests $(B)/usb_tests $(TOOL_BIN) $(FUZZ_REPLAY) $(B)/receiptgen \
	$(B)/runner_inject

deps: $(DEPS_STAMP)
$(DEPS_STAMP): tools/install-deps.sh
	@sh tools/install-deps.sh
	@mkdir -p $(B) && touch $@

$(B)/obj/%.o: %.c | $(DEPS_STAMP) $(B)/gen/kiosk_version.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The version the kiosk reports is the package's (debian/changelog); the header is rewritten
# only when the version changes, so a new changelog entry rebuilds what includes it.
VERSION := $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
$(B)/gen/kiosk_version.h: debian/changelog
	@mkdir -p $(dir $@)
	@printf '#define KIOSK_VERSION "%s"\n' '$(VERSION)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(B)/gen/embedded.c: $(EMBED_SRC) tools/embed.py | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	python3 tools/embed.py $@ $(EMBED_SRC)

$(B)/obj/gen/embedded.o: $(B)/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifirmware -c $< -o $@

$(B)/kiosk: $(B)/obj/firmware/main.o $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/unit_tests: $(TEST_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# A unit binary with injected faults, for the test runner's own tests (tests/it/runner.sh).
$(B)/runner_inject: $(B)/obj/tests/t.o $(B)/obj/tests/runner/inject.o
	$(CC) $(LDFLAGS) -o $@ $^

$(B)/obj/tests/usb/%.o: tests/usb/%.c | $(DEPS_STAMP) $(B)/gen/kiosk_version.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(UMOCK_CFLAGS) -c $< -o $@

$(B)/usb_tests: $(USB_TEST_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(UMOCK_LIBS)

# Each fuzz target also builds, with any compiler, as a replayer of its corpus (make test).
$(B)/fuzz_%_replay: $(B)/obj/tests/fuzz/fuzz_%.o $(B)/obj/tests/fuzz/replay.o $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/fuzz_%: $(B)/obj/tests/fuzz/fuzz_%.o $(CORE_OBJ)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

# make fuzz: every target under libFuzzer for FUZZ_SECONDS each, growing its corpus.
fuzz:
	$(MAKE) FUZZ=1 $(FUZZ_NAMES:%=build-fuzz/fuzz_%)
	for t in $(FUZZ_NAMES); do \
		./build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus/$$t || exit 1; \
	done

$(B)/%: $(B)/obj/tests/tools/%.o $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Receipt and camera-frame pictures for the scanner's tests and bench (tools/receiptgen.c).
$(B)/receiptgen: $(B)/obj/tools/receiptgen.o $(B)/obj/firmware/pngio.o $(B)/obj/firmware/err.o \
		$(B)/obj/firmware/log.o $(B)/obj/firmware/utf8.o $(B)/obj/firmware/privacy_scrub.o \
		$(B)/obj/firmware/jpegio.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

run: $(B)/kiosk
	sh tools/run-dev.sh ./$(B)/kiosk $(CONFIG)

test: all
	B=$(B) SANITIZE=$(SANITIZE) sh tests/run.sh

unit: $(B)/unit_tests
	./$(B)/unit_tests

bench: all
	B=$(B) sh tests/bench.sh

# Regenerate the golden screenshots; look at every one before committing.
goldens: all
	B=$(B) sh tests/it/goldens.sh --update

# The Debian package (debian/), built with debhelper from a copy of the tree so that
# dpkg-buildpackage's output (it writes beside the source) lands in $(B)/deb/.
DEB_DIR := $(B)/deb
deb: $(DEPS_STAMP)
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/src
	tar -c --exclude='./build*' --exclude=./.git --exclude=./var . | tar -x -C $(DEB_DIR)/src
	# the package's build is its own: none of this make's variables (B=...) reach it
	cd $(DEB_DIR)/src && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		dpkg-buildpackage -b -us -uc -j2 >../build.log 2>&1 || \
		{ tail -30 ../build.log; exit 1; }
	lintian --fail-on error,warning $(DEB_DIR)/*.changes
	@ls $(DEB_DIR)/*.deb

# The package's own tests: they build it, install it into this machine and remove it, and
# publish it through a signed apt repository to upgrade it, so they take minutes and run as
# root (CI) apart from make test.
test-deb:
	B=$(B) TESTS="tests/it/deb.sh tests/it/apt.sh" sh tests/run.sh

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
