# mk/tests.mk - host unit tests, the grader (`make check`) and benchmarks.
# Included by the top-level Makefile.

# ---- host unit tests -------------------------------------------------------
# tests/host/test_NAME.c is one test binary, build/host/test_NAME.  Its
# first lines name the kernel sources it links:
#     // sources: phase1-vma/mm/buddy.c phase1-vma/mm/pfn_list.c lab:lab1_find_vma.c
# (lab:FILE comes from labs/ or solutions/ as LABS and STUB_LAB choose).
HOST_BUILD := $(BUILD_ROOT)/host$(if $(filter-out solutions,$(LABTAG)),-$(LABTAG))
HOSTCFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Itests/host/shim -Itests/host -Iarch/x86_64/include -Ilib/include \
	-Iphase1-vma/include -Iphase2-mapping/include -DKERNEL_DEBUG=1 -DHOST_TEST=1
HOST_TEST_NAMES := $(filter-out test_malloc,$(patsubst tests/host/%.c,%,$(wildcard tests/host/test_*.c)))
HOST_TESTS := $(addprefix $(HOST_BUILD)/,$(HOST_TEST_NAMES))
HOST_HEADERS := $(shell find arch/x86_64/include lib/include phase1-vma/include \
	phase2-mapping/include tests/host -name '*.h')

host_test_sources = $(foreach s,$(shell sed -n 's|^// sources:||p' tests/host/$(1).c),$(if $(filter lab:%,$(s)),$(call lab_source,$(patsubst lab:%,%,$(s))),$(s)))

define host_test_rule
$(HOST_BUILD)/$(1): tests/host/$(1).c tests/host/check.c tests/host/shim/shim.c $(call host_test_sources,$(1)) $(HOST_HEADERS)
	$$(call say,HOSTCC,$$@)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(HOSTCC) $$(HOSTCFLAGS) -o $$@ tests/host/$(1).c tests/host/check.c tests/host/shim/shim.c $(call host_test_sources,$(1))
endef
$(foreach t,$(HOST_TEST_NAMES),$(eval $(call host_test_rule,$(t))))


# ---- make check ------------------------------------------------------------
# Builds the kernels of all phases, the user programs and the host tests,
# then runs tests/grader.py.  Two kinds of run:
#   - the instructor's (lab code from solutions/, or FULL=1): every test;
#     with solutions/ present also every untouched lab stub failing its own
#     tests (STUB_LAB=N builds, a kernel for the lowest phase each lab test
#     runs in), and the hand-out graded as a student would;
#   - the student's (lab code from labs/: the default in the hand-out):
#     the lab tests and a boot of each phase, with a score per lab.
LAB_NUMBERS := $(sort $(foreach f,$(LAB_FILES),$(patsubst lab%,%,$(firstword $(subst _, ,$(f))))))
STUB_CHECK_LABS := $(if $(wildcard solutions),$(if $(filter solutions,$(LABS)),$(LAB_NUMBERS)))
GRADER_SUFFIX := $(if $(filter-out solutions,$(LABTAG)),-$(LABTAG))
FULL ?= $(if $(filter labs,$(LABS)),0,1)
GRADER_ARGS ?=
GRADER_MODE := $(if $(filter 1,$(FULL)),$(if $(STUB_CHECK_LABS),--handout),--student)

.PHONY: check check-build
check-build: deps
	$(Q)for p in $(PHASES); do $(MAKE) --no-print-directory PHASE=$$p kernel || exit 1; done
	$(Q)$(MAKE) --no-print-directory disk
	$(Q)$(MAKE) --no-print-directory host-test-binaries
	$(Q)for n in $(STUB_CHECK_LABS); do \
	    $(MAKE) --no-print-directory STUB_LAB=$$n host-test-binaries || exit 1; \
	    for p in $$(for f in $$(grep -l "^// lab: *$$n *$$" tests/user/*.c); do \
	                  sed -n 's|^// phases: *\([0-9]*\).*|\1|p' $$f | grep . || echo 1; \
	                done | sort -u); do \
	        $(MAKE) --no-print-directory STUB_LAB=$$n PHASE=$$p kernel || exit 1; \
	    done; \
	done

# (the `--opt=value` form: a value such as "-labs" must not read as an option)
check: check-build
	$(Q)$(PYTHON) tests/grader.py --phases="$(PHASES)" --suffix="$(GRADER_SUFFIX)" \
	    --stub-labs="$(STUB_CHECK_LABS)" $(GRADER_MODE) $(GRADER_ARGS)

.PHONY: host-test-binaries
host-test-binaries: $(HOST_TESTS) $(if $(filter solutions,$(LABTAG)),$(BUILD_ROOT)/host/test_malloc)
