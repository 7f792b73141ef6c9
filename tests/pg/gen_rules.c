/* The rows inmail init writes beside the schema (src/store/pg/pg.c's
 * install_rules: the model's windows), for the tests that load the SQL
 * files with psql instead of running init. */
#include <stdio.h>
#include <stdlib.h>

#include "inmail/clock.h"
#include "inmail/types.h"

int main(void)
{
	printf("INSERT INTO inmail.setting (key, value) VALUES"
	       " ('rate_window', '%lld'), ('credit_window', '%lld')"
	       " ON CONFLICT (key) DO UPDATE SET value = excluded.value;\n",
	       (long long)IM_RATE_WINDOW, (long long)IM_CREDIT_WINDOW);
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
