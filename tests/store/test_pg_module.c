/* The PostgreSQL driver is a module store.c loads for a server's URI
 * (src/store/store.c).  Each of these programs runs with a run path of
 * its own (meson.build): where the module is missing, and where it is
 * another build's.  Both refuse the open in one line and never call into
 * the module; the SQLite file beside them still opens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four above first. */
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

static const char *expect;

static void refused(void **state)
{
	(void)state;
	struct im_store *s = NULL;
	char *err = NULL;
	enum im_status st = im_store_open("postgresql:///inmail?host=/nowhere",
					  false, NULL, &s, &err);
	assert_int_equal(st, IM_ERR_DATABASE);
	assert_null(s);
	assert_non_null(err);
	if (!strstr(err, expect))
		fail_msg("error line \"%s\" does not say \"%s\"", err, expect);
	assert_null(strchr(err, '\n'));
	free(err);
}

static void sqlite_still_opens(void **state)
{
	(void)state;
	char dir[] = "/tmp/inmail-pgmod-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/t.db", dir);
	struct im_store *s = NULL;
	char *err = NULL;
	assert_int_equal(im_store_open(path, true, NULL, &s, &err), IM_OK);
	im_store_close(&s);
	unlink(path);
	rmdir(dir);
}

/* argv[1]: what the error line must say. */
int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s EXPECTED\n", argv[0]);
		return 2;
	}
	expect = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refused),
		cmocka_unit_test(sqlite_still_opens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
