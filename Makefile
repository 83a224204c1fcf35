# Kiosk firmware. `make run` and `make test` are the two entry points; both install
# missing Debian packages first (tools/install-deps.sh). `make test SANITIZE=1` builds
# with ASan+UBSan into build-asan/. `make bench` prints `name value unit` lines. `make check`
# runs cppcheck and clang-tidy. The sources build as four libraries whose layering the build
# enforces (below, "Layers").

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
# the product: assert() (invariants the code itself guarantees) is compiled out, so a kiosk in
# a hall serves on; the sanitizer and fuzz builds keep it and abort with the condition
DBGFLAGS := -DNDEBUG
endif

CC ?= cc
PKGS := sdl2 SDL2_ttf inih libqrencode libpng libjpeg sqlite3 libusb-1.0 libcurl libssl libcrypto jansson zbar espeak-ng sndfile libsystemd
DEPS_STAMP := $(B)/.deps-ok
# Objects wait for tools/install-deps.sh only when pkg-config misses a library (a fresh
# machine); otherwise make run and make test top up the other packages (fonts, tools) alongside.
OBJ_DEPS := $(if $(shell pkg-config --exists $(PKGS) 2>/dev/null || echo missing),$(DEPS_STAMP))

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla -Wpointer-arith -Wwrite-strings -Wundef -Werror
CFLAGS ?= -O2 -g
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -fno-common $(CFLAGS) \
	$(SANFLAGS) $(DBGFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS) -Wl,--as-needed

EMBED_SRC := $(sort $(wildcard assets/i18n/*.ini) config/kiosk.ini $(wildcard config/catalog-*.ini) \
	$(wildcard config/procedures-*.ini))
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

.PHONY: all deps run test unit bench goldens clean fuzz mutate check layer-cflags-% killloop-storage deb test-deb
.SECONDARY:
all: $(B)/.layers-ok $(B)/kiosk $(B)/unit_tests $(B)/ui_tests $(B)/usb_tests $(TOOL_BIN) \
	$(FUZZ_REPLAY) $(B)/receiptgen $(B)/runner_inject

deps: $(DEPS_STAMP)
$(DEPS_STAMP): tools/install-deps.sh
	@sh tools/install-deps.sh
	@mkdir -p $(B) && touch $@

# ---- Layers: four libraries, and what each may not use ---------------------------------------
# The sources build as static libraries, each on top of the ones before it (docs: README.md,
# "Architecture"):
#   libcore.a     firmware/*.c but main.c, and the embedded files: config, store, queue, dossier,
#                 rating, the protocol's workers, i18n, pictures. No SDL, libusb or ZBar.
#   libdrivers.a  drivers/ (printers, scanners; libusb, ZBar and V4L2 live here), over core.
#   libjourney.a  firmware/journey/: the citizen journeys and kiosk_open, over drivers and core.
#                 No SDL, libusb or ZBar.
#   libui.a       ui/: screens, drawing, text, the ticket layout, the script runner (SDL).
# firmware/main.c sits on all four. A new .c file lands in its folder's library by wildcard.
# The build refuses a layer that reaches up or out:
#   - core, journeys, the domain's unit tests (tests/unit) and the fuzz targets compile without
#     the SDL, libusb and ZBar include paths and with $(B)/forbid/* first on theirs: there every
#     ui/*.h, SDL.h, SDL_ttf.h, libusb.h and zbar.h is an #error that names the rule (zbar.h sits
#     in /usr/include, so leaving its path out would not be enough); drivers get the SDL and
#     ui/ half;
#   - the domain's unit tests, the fuzz replayers and every tool that includes no ui/ header
#     link without libui and without SDL;
#   - tools/layers.sh, run on every build, fails when a library calls a function of a layer
#     above it or one of SDL, SDL_ttf, libusb or ZBar that its layer may not use.
# Screens' own tests (tests/ui, SDL) go in build/ui_tests. Each binary names the libraries it
# links; --as-needed drops a shared library a binary does not call.
PKGS_UI := sdl2 SDL2_ttf
PKGS_DRIVERS := libusb-1.0 zbar
PKGS_CORE := $(filter-out $(PKGS_UI) $(PKGS_DRIVERS),$(PKGS))
pkg_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pkg_libs = $(shell pkg-config --libs $(1) 2>/dev/null)
CORE_CFLAGS = $(BASE_CFLAGS) -I$(B)/forbid/sdl-ui -I$(B)/forbid/usb-zbar -I. -I$(B)/gen \
	$(call pkg_cflags,$(PKGS_CORE))
DRIVERS_CFLAGS = $(BASE_CFLAGS) -I$(B)/forbid/sdl-ui -I. -I$(B)/gen \
	$(call pkg_cflags,$(PKGS_CORE) $(PKGS_DRIVERS))
ALL_CFLAGS = $(BASE_CFLAGS) -I. -I$(B)/gen $(call pkg_cflags,$(PKGS))
CORE_LIBS = $(call pkg_libs,$(PKGS_CORE)) -lunistring -lpthread -lm
DRIVERS_LIBS = $(call pkg_libs,$(PKGS_DRIVERS))
UI_LIBS = $(call pkg_libs,$(PKGS_UI))

CORE_SRC := $(filter-out firmware/main.c,$(wildcard firmware/*.c))
DRIVERS_SRC := $(wildcard drivers/*.c drivers/*/*.c)
JOURNEY_SRC := $(wildcard firmware/journey/*.c)
UI_SRC := $(wildcard ui/*.c)
LIB_CORE := $(B)/libcore.a
LIB_DRIVERS := $(B)/libdrivers.a
LIB_JOURNEY := $(B)/libjourney.a
LIB_UI := $(B)/libui.a
# bottom-up; a binary links a top slice of it, top first
LIBS_DOMAIN := $(LIB_JOURNEY) $(LIB_DRIVERS) $(LIB_CORE)
LIBS_ALL := $(LIB_UI) $(LIBS_DOMAIN)
DOMAIN_LDLIBS = $(DRIVERS_LIBS) $(CORE_LIBS)
ALL_LDLIBS = $(UI_LIBS) $(DRIVERS_LIBS) $(CORE_LIBS)

# Which flags an object gets: by the folder of its source (main.c and tests/ui see everything).
$(B)/obj/firmware/%.o $(B)/obj/tests/unit/%.o $(B)/obj/tests/fuzz/%.o $(B)/obj/tools/%.o \
	$(B)/obj/gen/%.o: LAYER_CFLAGS = $(CORE_CFLAGS)
$(B)/obj/drivers/%.o $(B)/obj/tests/usb/%.o: LAYER_CFLAGS = $(DRIVERS_CFLAGS)
$(B)/obj/firmware/main.o: LAYER_CFLAGS = $(ALL_CFLAGS)
LAYER_CFLAGS ?= $(ALL_CFLAGS)
UNIT_SRC := tests/t.c $(wildcard tests/unit/*.c)
UI_TEST_SRC := tests/t.c $(wildcard tests/ui/*.c)
# a tool that includes a ui/ header links libui and SDL; the others do without
UI_TOOLS := $(patsubst tests/tools/%.c,%,$(shell grep -l '^\#include "ui/' $(wildcard tests/tools/*.c)))

# The headers a layer may not include, each an #error saying why (regenerated when ui/ gains one).
FORBID_SDL_UI := SDL.h SDL_ttf.h SDL2/SDL.h SDL2/SDL_ttf.h $(wildcard ui/*.h)
FORBID_USB_ZBAR := libusb.h libusb-1.0/libusb.h zbar.h
$(B)/forbid/.ok: Makefile $(wildcard ui/*.h)
	@rm -rf $(B)/forbid
	@for h in $(FORBID_SDL_UI); do mkdir -p $$(dirname $(B)/forbid/sdl-ui/$$h); \
		echo "#error \"$$h: firmware/ (but main.c) and drivers/ do not include SDL or ui/ headers (Makefile, Layers)\"" \
			>$(B)/forbid/sdl-ui/$$h; done
	@for h in $(FORBID_USB_ZBAR); do mkdir -p $$(dirname $(B)/forbid/usb-zbar/$$h); \
		echo "#error \"$$h: only drivers/ includes libusb and ZBar (Makefile, Layers)\"" \
			>$(B)/forbid/usb-zbar/$$h; done
	@touch $@

MEMBERS_core := $(CORE_SRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/embedded_files.o
MEMBERS_drivers := $(DRIVERS_SRC:%.c=$(B)/obj/%.o)
MEMBERS_journey := $(JOURNEY_SRC:%.c=$(B)/obj/%.o)
MEMBERS_ui := $(UI_SRC:%.c=$(B)/obj/%.o)
# Each library also depends on the list of its members, rewritten when that changes, so that an
# object whose source is gone leaves the archive too.
$(foreach l,core drivers journey ui,$(shell mkdir -p $(B) && echo '$(MEMBERS_$(l))' | \
	cmp -s - $(B)/lib$(l).members || echo '$(MEMBERS_$(l))' >$(B)/lib$(l).members))
$(LIB_CORE): $(B)/libcore.members $(MEMBERS_core)
$(LIB_DRIVERS): $(B)/libdrivers.members $(MEMBERS_drivers)
$(LIB_JOURNEY): $(B)/libjourney.members $(MEMBERS_journey)
$(LIB_UI): $(B)/libui.members $(MEMBERS_ui)
$(LIBS_ALL):
	@rm -f $@
	$(AR) rcs $@ $(filter %.o,$^)

# Each library against the rules above, by the symbols its objects leave undefined; and no
# include cycle between modules (tools/includes.py).
$(B)/.layers-ok: tools/layers.sh tools/includes.py $(LIBS_ALL)
	sh tools/layers.sh $(LIBS_ALL)
	@python3 tools/includes.py >$@.cycles || { cat $@.cycles; exit 1; }
	@touch $@
# The flags of each layer, for the build's own test (tests/it/layers.sh).
layer-cflags-%:
	@echo $($*_CFLAGS)
# ---- end of Layers ----------------------------------------------------------------------------

$(B)/obj/%.o: %.c | $(OBJ_DEPS) $(B)/forbid/.ok $(B)/gen/kiosk_version.h
	@mkdir -p $(dir $@)
	$(CC) $(LAYER_CFLAGS) -c $< -o $@

# The version the kiosk reports is the package's (debian/changelog); the header is rewritten
# only when the version changes, so a new changelog entry rebuilds what includes it.
VERSION := $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
$(B)/gen/kiosk_version.h: debian/changelog
	@mkdir -p $(dir $@)
	@printf '#define KIOSK_VERSION "%s"\n' '$(VERSION)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(B)/gen/embedded.c: $(EMBED_SRC) tools/embed.py | $(OBJ_DEPS)
	@mkdir -p $(dir $@)
	python3 tools/embed.py $@ $(EMBED_SRC)

$(B)/obj/gen/embedded_files.o: $(B)/gen/embedded.c | $(B)/forbid/.ok
	@mkdir -p $(dir $@)
	$(CC) $(LAYER_CFLAGS) -Ifirmware -c $< -o $@

$(B)/kiosk: $(B)/obj/firmware/main.o $(LIBS_ALL)
	$(CC) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

# The domain's unit tests: no libui, no SDL.
$(B)/unit_tests: $(UNIT_SRC:%.c=$(B)/obj/%.o) $(LIBS_DOMAIN)
	$(CC) $(LDFLAGS) -o $@ $^ $(DOMAIN_LDLIBS)

# The unit tests of what the screens use (input, ticket layout), with SDL.
$(B)/ui_tests: $(UI_TEST_SRC:%.c=$(B)/obj/%.o) $(LIBS_ALL)
	$(CC) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

# A unit binary with injected faults, for the test runner's own tests (tests/it/runner.sh).
$(B)/runner_inject: $(B)/obj/tests/t.o $(B)/obj/tests/runner/inject.o
	$(CC) $(LDFLAGS) -o $@ $^

$(B)/obj/tests/usb/%.o: tests/usb/%.c | $(OBJ_DEPS) $(B)/forbid/.ok $(B)/gen/kiosk_version.h
	@mkdir -p $(dir $@)
	$(CC) $(LAYER_CFLAGS) $(UMOCK_CFLAGS) -c $< -o $@

$(B)/usb_tests: $(USB_TEST_OBJ) $(LIB_DRIVERS) $(LIB_CORE)
	$(CC) $(LDFLAGS) -o $@ $^ $(DOMAIN_LDLIBS) $(UMOCK_LIBS)

# Each fuzz target also builds, with any compiler, as a replayer of its corpus (make test).
$(B)/fuzz_%_replay: $(B)/obj/tests/fuzz/fuzz_%.o $(B)/obj/tests/fuzz/replay.o $(LIBS_DOMAIN)
	$(CC) $(LDFLAGS) -o $@ $^ $(DOMAIN_LDLIBS)

$(B)/fuzz_%: $(B)/obj/tests/fuzz/fuzz_%.o $(LIBS_DOMAIN)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(DOMAIN_LDLIBS)

# make fuzz: every target under libFuzzer for FUZZ_SECONDS each, growing its corpus.
fuzz:
	$(MAKE) FUZZ=1 $(FUZZ_NAMES:%=build-fuzz/fuzz_%)
	for t in $(FUZZ_NAMES); do \
		./build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus/$$t || exit 1; \
	done

$(filter-out $(UI_TOOLS:%=$(B)/%),$(TOOL_BIN)): $(B)/%: $(B)/obj/tests/tools/%.o $(LIBS_DOMAIN)
	$(CC) $(LDFLAGS) -o $@ $^ $(DOMAIN_LDLIBS)

$(UI_TOOLS:%=$(B)/%): $(B)/%: $(B)/obj/tests/tools/%.o $(LIBS_ALL)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(ALL_LDLIBS)
# the screens' bench drives the real app over a whole kiosk, as the screens' tests do
$(B)/bench_screens: $(B)/obj/tests/ui/app_kit.o

# Receipt and camera-frame pictures for the scanner's tests and bench (tools/receiptgen.c).
$(B)/receiptgen: $(B)/obj/tools/receiptgen.o $(LIB_CORE)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)

# make check: cppcheck and clang-tidy over the sources, clean. What each leaves out, and why, is
# in .clang-tidy and tools/cppcheck.supp; a finding that is wrong in one place is suppressed
# there with its reason. clang-tidy sees each file with its layer's flags, one log a file.
CHECK_SRC := $(CORE_SRC) $(DRIVERS_SRC) $(JOURNEY_SRC) $(UI_SRC) firmware/main.c tools/receiptgen.c
TIDY_LOG := $(CHECK_SRC:%.c=$(B)/tidy/%.log)
check: $(B)/cppcheck.log $(TIDY_LOG)
	@echo "check: cppcheck and clang-tidy clean over $(words $(CHECK_SRC)) files"
$(B)/cppcheck.log: $(CHECK_SRC) tools/cppcheck.supp | $(B)/gen/embedded.c
	cppcheck -q --error-exitcode=1 --enable=warning,performance,portability --std=c11 \
		--inline-suppr --suppressions-list=tools/cppcheck.supp -I. -I$(B)/gen \
		-D_POSIX_C_SOURCE=200809L --template='{file}:{line}: {severity} {id}: {message}' \
		$(CHECK_SRC) 2>$@.new || { cat $@.new; exit 1; }
	@mv $@.new $@
$(B)/tidy/%.log: %.c .clang-tidy | $(B)/gen/embedded.c $(B)/forbid/.ok
	@mkdir -p $(dir $@)
	@clang-tidy -quiet $< -- $(filter-out -MMD -MP,$(LAYER_CFLAGS)) >$@.new 2>&1 || \
		{ cat $@.new; exit 1; }
	@mv $@.new $@
$(B)/tidy/firmware/%.log $(B)/tidy/tools/%.log: LAYER_CFLAGS = $(CORE_CFLAGS)
$(B)/tidy/drivers/%.log: LAYER_CFLAGS = $(DRIVERS_CFLAGS)
$(B)/tidy/firmware/main.log: LAYER_CFLAGS = $(ALL_CFLAGS)

run: $(DEPS_STAMP) $(B)/kiosk
	sh tools/run-dev.sh ./$(B)/kiosk $(CONFIG)

test: $(DEPS_STAMP) all
	B=$(B) SANITIZE=$(SANITIZE) sh tests/run.sh

unit: $(B)/unit_tests $(B)/ui_tests
	./$(B)/unit_tests && ./$(B)/ui_tests

bench: all
	B=$(B) sh tests/bench.sh

# Plant the bugs of tools/mutations.txt one at a time and say which the tests notice (not part
# of make test: a build and some suites per mutation). ONLY=name,name runs some of them.
mutate: $(DEPS_STAMP)
	python3 tools/mutate.py $(if $(ONLY),--only $(ONLY))

# The kill loop over the full-disk and salvage paths (root: a tmpfs), KILLS=200 by default;
# too long for make test.
killloop-storage: all
	B=$(B) SUITE_TIMEOUT=$${SUITE_TIMEOUT:-1800} TESTS=tests/soak/killloop-storage.sh sh tests/run.sh

# Regenerate the golden screenshots; look at every one before committing.
goldens: all
	B=$(B) sh tests/it/goldens.sh --update
	B=$(B) sh tests/it/checklist.sh --update

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
