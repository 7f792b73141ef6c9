/* Fuzzes the composer's editing model: any sequence of typing, erasing,
 * moving and wrapping keeps the buffer valid UTF-8 with no control
 * character but newline, the cursor on a character boundary inside it,
 * and the wrapped lines covering it in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tui_edit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct tui_edit *e, int width)
{
	if (strlen(e->buf) != e->len || e->cur > e->len)
		abort();
	if (u8_check((const uint8_t *)e->buf, e->len))
		abort();
	if (e->cur < e->len && (((unsigned char)e->buf[e->cur]) & 0xC0) == 0x80)
		abort();
	for (size_t i = 0; i < e->len; i++) {
		unsigned char c = (unsigned char)e->buf[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			abort();
	}
	size_t n = 0;
	int row = -1, col = -1;
	struct tui_edit_line *lines = tui_edit_layout(e, width, &n, &row, &col);
	if (!lines)
		return;
	if (n == 0 || row < 0 || (size_t)row >= n || col < 0 || col > width)
		abort();
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (lines[i].start < at || lines[i].start + lines[i].len > e->len)
			abort();
		at = lines[i].start + lines[i].len;
	}
	free(lines);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tui_edit e;
	if (!tui_edit_init(&e))
		return 0;
	int width = 1 + (size ? data[0] % 60 : 10);
	for (size_t i = 1; i < size; i++) {
		uint8_t op = data[i] % 12;
		uint32_t uc = 0;
		switch (op) {
		case 0: case 1: case 2:
			/* A code point from the next bytes: ASCII, controls,
			 * combining marks, CJK, emoji, surrogates, too large. */
			if (i + 3 < size) {
				uc = (uint32_t)data[i + 1] << 16 |
				     (uint32_t)data[i + 2] << 8 | data[i + 3];
				uc %= 0x110000 + 0x100;
				i += 3;
			}
			tui_edit_insert(&e, uc);
			break;
		case 3: tui_edit_backspace(&e); break;
		case 4: tui_edit_delete(&e); break;
		case 5: tui_edit_left(&e); break;
		case 6: tui_edit_right(&e); break;
		case 7: tui_edit_vertical(&e, width, (data[i] & 16) ? 1 : -1); break;
		case 8: tui_edit_home(&e, width); break;
		case 9: tui_edit_end(&e, width); break;
		case 10: {
			/* A pasted string: the rest of a short run of bytes. */
			char s[16] = {0};
			size_t k = 0;
			while (k < sizeof s - 1 && i + 1 < size && data[i + 1] != 0xff)
				s[k++] = (char)data[++i];
			tui_edit_insert_str(&e, s);
			break;
		}
		default: {
			char s[8] = {0};
			memcpy(s, data + i, size - i < 7 ? size - i : 7);
			tui_edit_set(&e, s);
			break;
		}
		}
		check(&e, width);
	}
	tui_edit_free(&e);
	return 0;
}
