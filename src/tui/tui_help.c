/* The help overlay (see tui_help.h). */
#include "tui_help.h"

#include <stdio.h>

#include "tui_curses.h"
#include "tui_draw.h"
#include "tui_keys.h"

void tui_help_draw(int rows, int cols, bool demo)
{
	size_t n, shown = 0;
	const struct tui_key *keys = tui_keys_table(&n);
	for (size_t i = 0; i < n; i++)
		if (keys[i].help && keys[i].name &&
		    (demo || !(keys[i].ctx & TUI_CTX_DEMO)))
			shown++;
	int w = cols - 4 < 76 ? cols - 4 : 76;
	int h = (int)shown + 4 < rows - 2 ? (int)shown + 4 : rows - 2;
	struct tui_rect r = {(rows - h) / 2, (cols - w) / 2, h, w};
	tui_draw_clear(r);
	tui_draw_box(r, "Keys · any key closes", true);
	int y = r.y + 1;
	for (size_t i = 0; i < n && y < r.y + h - 2; i++) {
		const struct tui_key *k = &keys[i];
		if (!k->help || !k->name || (!demo && (k->ctx & TUI_CTX_DEMO)))
			continue;
		tui_draw_text(y, r.x + 2, 12, tui_keys_name(k), TUI_ST_NOTE, 0,
			      true);
		tui_draw_text(y, r.x + 15, w - 17, k->help, TUI_ST_NORMAL, 0,
			      false);
		y++;
	}
	tui_draw_text(r.y + h - 2, r.x + 2, w - 4,
		      "Printable keys type into a text box; Esc leaves it.",
		      TUI_ST_HINT, 0, false);
}
