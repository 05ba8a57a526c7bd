/* The object manager's in-kernel tests (test=ob): what ring 3 cannot reach
 * yet with one named type: a name taken by another type, the type check of
 * ObReferenceObjectByHandle, an object outliving its handles while a kernel
 * reference holds it, protect-from-close, and the per-type live counts. */
#include "tests/kernel/selftest.h"
#include "kernel/ob/ob.h"
#include "kernel/rtl/winerror.h"

static uint32_t removed;

static void count_remove(void *body)
{
	(void)body;
	removed++;
}

static struct ob_type type_a = {
	.name = "TestA", .mapping = { 1, 2, 4, 7 }, .valid_access = 7, .remove = count_remove,
};
static struct ob_type type_b = {
	.name = "TestB", .mapping = { 1, 2, 4, 7 }, .valid_access = 7, .remove = count_remove,
};

static bool names_belong_to_one_type(struct ob_handle_table *t)
{
	uint32_t ha = 0, hb = 0, h2 = 0;
	bool existed, ok = true;
	void *a = ob_create(&type_a, 16), *b = ob_create(&type_b, 16);

	ok &= selftest_expect(ob_create_named(t, a, "selftest-name", 1, 0, &ha, &existed) == 0 &&
			      !existed, "first create");
	ok &= selftest_expect(ob_create_named(t, b, "selftest-name", 1, 0, &hb, &existed) ==
			      ERROR_INVALID_HANDLE && type_b.live == 0, "another type's name");
	ok &= selftest_expect(ob_open_named(t, "selftest-name", &type_b, 1, 0, &hb) ==
			      ERROR_INVALID_HANDLE, "open as the wrong type");
	ok &= selftest_expect(ob_open_named(t, "selftest-name", &type_a, 1, 0, &h2) == 0 &&
			      h2 != ha && ob_handle_count(a) == 2, "open as the right type");
	ok &= selftest_expect(ob_reference_by_handle(t, ha, &type_b, 0, &b, NULL) ==
			      ERROR_INVALID_HANDLE, "reference as the wrong type");
	ok &= selftest_expect(ob_reference_by_handle(t, ha, &type_a, 2, &b, NULL) ==
			      ERROR_ACCESS_DENIED, "a right the handle lacks");
	ob_close_handle(t, h2);
	ob_close_handle(t, ha);
	ok &= selftest_expect(ob_open_named(t, "selftest-name", &type_a, 1, 0, &h2) ==
			      ERROR_FILE_NOT_FOUND && type_a.live == 0, "the name left with the object");
	return ok;
}

static bool references_outlive_handles(struct ob_handle_table *t)
{
	uint32_t h = 0, flags = 0;
	void *a = ob_create(&type_a, 16), *got = NULL;
	bool ok = true;

	removed = 0;
	ob_open_object(t, a, GENERIC_ALL, HANDLE_FLAG_PROTECT_FROM_CLOSE, &h);
	ok &= selftest_expect(ob_close_handle(t, h) == ERROR_INVALID_HANDLE &&
			      ob_handle_count(a) == 1, "a protected handle stays");
	ob_set_handle_flags(t, h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0);
	ok &= selftest_expect(ob_get_handle_flags(t, h, &flags) == 0 && flags == 0, "flags cleared");
	ok &= selftest_expect(ob_reference_by_handle(t, h, &type_a, 7, &got, NULL) == 0 && got == a,
			      "GENERIC_ALL grants every right");
	ob_close_handle(t, h);
	ob_dereference(got);
	ok &= selftest_expect(removed == 0 && type_a.live == 1, "the creator's reference holds it");
	ob_dereference(a);
	ok &= selftest_expect(removed == 1 && type_a.live == 0, "deleted with the last reference");
	ok &= selftest_expect(ob_close_handle(t, h) == ERROR_INVALID_HANDLE, "closed twice");
	return ok;
}

bool selftest_ob(const struct boot_info *bi, const struct kernel_options *opt)
{
	static bool registered;
	struct ob_handle_table t = { 0 };
	bool ok;

	(void)bi, (void)opt;
	if (!registered) {
		ob_register_type(&type_a);
		ob_register_type(&type_b);
		registered = true;
	}
	ok = names_belong_to_one_type(&t);
	ok &= references_outlive_handles(&t);
	ok &= selftest_expect(t.count == 0, "every handle closed");
	ob_close_all(&t);
	return ok;
}
