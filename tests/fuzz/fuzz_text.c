/* Fuzzes the sanitiser, the checks and the fitting: whatever the bytes, the
 * output holds no control byte but newline and tab where kept, is valid
 * UTF-8, and fits its columns. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "inmail/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	im_text_check(s, size, 1900, true);
	im_text_check(s, size, 100, false);
	int flags = size ? data[0] & 3 : 0;
	char *out = im_text_sanitize(s, size, flags);
	if (!out)
		return 0;
	size_t n = strlen(out);
	if (u8_check((const uint8_t *)out, n))
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)out[i];
		bool kept = (c == '\n' && (flags & IM_SAN_KEEP_NEWLINE)) ||
			    (c == '\t' && (flags & IM_SAN_KEEP_TAB));
		if ((c < 0x20 || c == 0x7f) && !kept)
			abort();
	}
	/* No C1 control, bidi control or zero-width character survives, but
	 * a joiner inside an emoji sequence (SPEC 1: 👩‍💻 stays): after a
	 * picture drawn as an emoji, a skin tone or U+FE0F. */
	ucs4_t prev = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, (const uint8_t *)out + i, n - i);
		if (k <= 0)
			abort();
		bool joiner = uc == 0x200d &&
			      (prev == 0xfe0f || uc_is_property_emoji_modifier(prev) ||
			       uc_is_property_emoji_presentation(prev));
		if ((uc >= 0x80 && uc <= 0x9f) || (uc >= 0x202a && uc <= 0x202e) ||
		    (uc >= 0x2066 && uc <= 0x2069) ||
		    (uc >= 0x200b && uc <= 0x200f && !joiner))
			abort();
		prev = uc;
		i += (size_t)k;
	}
	char fit[256];
	size_t cols = size ? data[size - 1] % 64 : 0;
	char *line = im_text_sanitize(s, size, 0);
	if (line) {
		size_t w = im_text_fit(line, cols, true, true, fit, sizeof fit);
		if (w > cols || im_text_width(fit) > cols)
			abort();
		im_text_contains_folded(line, "jos\xc3\xa9");
		free(line);
	}
	free(out);
	return 0;
}
