/* Fuzzes --now's parser: it accepts only what it can format back the
 * same way. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/clock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[64];
	if (size >= sizeof buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	im_time t;
	if (!im_clock_parse(buf, &t))
		return 0;
	char iso[IM_ISO_LEN];
	im_clock_format_iso(t, iso);
	if (strlen(buf) == 20 && strcmp(iso, buf) != 0)
		abort();
	if (strlen(buf) == 10 && strncmp(iso, buf, 10) != 0)
		abort();
	return 0;
}
