/* The configuration file (SPEC 8) and the settings in force.
 *
 * A leaf library: it knows the file's grammar, where the file lives and
 * the order of precedence (option > variable > file > default); it does not
 * know the key table or the colours the terminal interface draws.  The
 * [keys] and [colors] entries are kept as text, with the file and line they
 * came from, and checked by the caller (im_config_check), which owns those
 * names.  Nothing here prints.
 *
 *   [general]
 *   db = ~/mail/inmail.db       # (comments are whole lines only)
 *   account = rita
 *   [keys]
 *   move-down = j Down
 *   [colors]
 *   unread = default default bold
 */
#ifndef INMAIL_CONFIG_H
#define INMAIL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Where a setting came from, weakest first: a stronger origin replaces a
 * weaker one, never the other way round. */
enum im_config_origin {
	IM_CONFIG_DEFAULT = 0,
	IM_CONFIG_FILE,
	IM_CONFIG_ENV,
	IM_CONFIG_OPTION,
};

/* The longest line, in bytes (without its newline), and the largest file. */
#define IM_CONFIG_LINE_MAX 1024
#define IM_CONFIG_FILE_MAX (256 * 1024)

/* One setting.  Strings are owned by the config and live until it is
 * freed or the setting is replaced. */
struct im_config_entry {
	const char *section; /* "general", "keys" or "colors" */
	const char *name;
	const char *value;
	enum im_config_origin origin;
	const char *where; /* "default", "FILE:LINE", "INMAIL_DB", "--db" */
	const char *file;  /* the file, for IM_CONFIG_FILE; else NULL */
	int line;          /* its line, from 1; 0 when not from a file */
};

struct im_config;

/* A new, empty configuration; NULL when out of memory. */
struct im_config *im_config_new(void);

/* Frees c (NULL is fine) and sets *c to NULL. */
void im_config_free(struct im_config **c);

/* Where the file lives: $XDG_CONFIG_HOME/inmail/config, or
 * $HOME/.config/inmail/config when XDG_CONFIG_HOME is unset, empty or not
 * absolute.  Malloc'd; NULL when neither is set (or out of memory). */
char *im_config_default_path(void);

/* Parses len bytes of text as the file named name ("-" or a path, used in
 * messages only) and adds its settings at IM_CONFIG_FILE.  Returns 0, or 64
 * with *err (malloc'd, free it) set to one line "NAME:LINE: why" for the
 * first bad line; then nothing of the text is added.  1 when out of
 * memory.  text may be NULL when len is 0. */
int im_config_parse(struct im_config *c, const char *name, const char *text,
		    size_t len, char **err);

/* Reads and parses the file at path.  A missing file is no error unless
 * required (then 66, "PATH: no such file").  An unreadable file is 66, a
 * directory or a file over IM_CONFIG_FILE_MAX 64; *err as above. */
int im_config_read(struct im_config *c, const char *path, bool required,
		   char **err);

/* Sets section.name to value from origin (where says which: "--db",
 * "INMAIL_DB", "default"), unless a stronger origin already set it.
 * value NULL or "" sets nothing.  0, or 1 when out of memory. */
int im_config_set(struct im_config *c, const char *section, const char *name,
		  const char *value, enum im_config_origin origin,
		  const char *where);

/* The setting in force for section.name, or NULL. */
const struct im_config_entry *im_config_get(const struct im_config *c,
					    const char *section,
					    const char *name);

/* Its value, or NULL. */
const char *im_config_value(const struct im_config *c, const char *section,
			    const char *name);

/* The settings in the order they were first set; i < im_config_count. */
size_t im_config_count(const struct im_config *c);
const struct im_config_entry *im_config_at(const struct im_config *c, size_t i);

/* Asks check about every [keys] and [colors] entry from a file, in file
 * order.  check returns true when the entry is good, or false with *why
 * (malloc'd, or NULL for "bad value") set.  Returns 0, or 64 with *err set
 * to "FILE:LINE: why" for the first bad entry. */
typedef bool (*im_config_check_fn)(void *ud, const struct im_config_entry *e,
				   char **why);
int im_config_check(const struct im_config *c, im_config_check_fn check,
		    void *ud, char **err);

/* The settings in force from every layer: the default db (db_default, may
 * be NULL), the file (path, or im_config_default_path() when NULL; a named
 * path is required), INMAIL_DB and INMAIL_USER (empty means unset), then
 * the options db_option (--db) and as_option (--as), each NULL when not
 * given.  On success *out is the new config and 0 is returned; else *out
 * is NULL and the code and *err are those of im_config_read. */
int im_config_load(struct im_config **out, const char *path,
		   const char *db_default, const char *db_option,
		   const char *as_option, char **err);

/* A name for an origin: "default", "file", "variable", "option". */
const char *im_config_origin_name(enum im_config_origin o);

#endif
