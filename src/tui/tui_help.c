/* The help overlay (see tui_help.h). */
#include "tui_help.h"

#include <stdio.h>

#include "tui_curses.h"
#include "tui_draw.h"
#include "tui_keys.h"

/* Whether the overlay lists key: one line per entry, but the entries
 * joined to the one before them share its line (1-5, ← → ↑ ↓). */
static bool help_lists(const struct tui_key *key, bool demo,
		       bool (*offered)(const void *, const struct tui_key *),
		       const void *arg)
{
	return key->help && !(key->flags & TUI_KEY_JOINED) &&
	       (demo || !(key->ctx & TUI_CTX_DEMO)) && offered(arg, key);
}

void tui_help_draw(int rows, int cols, bool demo,
		   bool (*offered)(const void *arg, const struct tui_key *k),
		   const void *arg)
{
	size_t n, shown = 0;
	const struct tui_key *keys = tui_keys_table(&n);
	for (size_t i = 0; i < n; i++)
		if (help_lists(&keys[i], demo, offered, arg))
			shown++;
	/* Two columns when one does not fit the height. */
	int columns = (int)shown + 4 > rows - 2 ? 2 : 1;
	int per = ((int)shown + columns - 1) / columns;
	int w = cols - 4 < 38 * columns + 2 ? cols - 4 : 38 * columns + 2;
	int h = per + 4 < rows - 2 ? per + 4 : rows - 2;
	int cw = (w - 2) / columns;
	struct tui_rect r = {(rows - h) / 2, (cols - w) / 2, h, w};
	tui_draw_clear(r);
	tui_draw_box(r, "Keys · any key closes", true);
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct tui_key *key = &keys[i];
		if (!help_lists(key, demo, offered, arg))
			continue;
		int y = r.y + 1 + k % per, x = r.x + 2 + (k / per) * cw;
		k++;
		if (y >= r.y + h - 2)
			continue;
		char names[128];
		tui_draw_text(y, x, 11, tui_keys_group_name(key, names,
							     sizeof(names)),
			      TUI_ST_NOTE, 0, true);
		tui_draw_text(y, x + 11, cw - 12, key->line ? key->line : key->help,
			      TUI_ST_NORMAL, 0, false);
	}
	char line[128];
	snprintf(line, sizeof(line), "Printable keys type into a text box; "
		 "%s leaves it.", tui_keys_first_name(TUI_ACT_BACK));
	tui_draw_text(r.y + h - 2, r.x + 2, w - 4, line, TUI_ST_HINT, 0, false);
}
