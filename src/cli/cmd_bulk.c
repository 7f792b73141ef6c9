/* send --template (SPEC 9): to named candidates or to every row of a CSV
 * (RFC 4180 by libcsv: quotes, embedded commas and newlines; a BOM and
 * CRLF too), all or nothing; --dry-run checks as the send, renders and
 * sends nothing; a progress bar on a terminal when the send takes over a
 * second. */
#include <csv.h>
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"

/* ---- the CSV ---- */

struct csv_row {
	char **cell;
	size_t n, cap;
};

struct csv_doc {
	struct csv_row *row;
	size_t n, cap;
	struct csv_row cur;
	bool nomem;
};

static void cell_cb(void *s, size_t len, void *data)
{
	struct csv_doc *d = data;
	struct csv_row *r = &d->cur;
	if (d->nomem)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 8;
		char **c = realloc(r->cell, cap * sizeof *c);
		if (!c) {
			d->nomem = true;
			return;
		}
		r->cell = c;
		r->cap = cap;
	}
	char *v = strndup(s ? s : "", s ? len : 0);
	if (!v) {
		d->nomem = true;
		return;
	}
	r->cell[r->n++] = v;
}

static void row_cb(int c, void *data)
{
	(void)c;
	struct csv_doc *d = data;
	if (d->nomem)
		return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;
		struct csv_row *r = realloc(d->row, cap * sizeof *r);
		if (!r) {
			d->nomem = true;
			return;
		}
		d->row = r;
		d->cap = cap;
	}
	d->row[d->n++] = d->cur;
	memset(&d->cur, 0, sizeof d->cur);
}

static void row_free(struct csv_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cell[i]);
	free(r->cell);
}

static void doc_free(struct csv_doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		row_free(&d->row[i]);
	free(d->row);
	row_free(&d->cur);
}

/* Spaces are part of a field (RFC 4180): libcsv trims none. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

#define CSV_READ_MAX (64u << 20)

/* The whole file (or standard input for "-"), at most CSV_READ_MAX. */
static int file_read(const char *path, char **out, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return cli_fail(EX_NOINPUT, "cannot read %s: %s", path,
				strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	int rc = buf ? 0 : cli_fail(EXIT_FAILURE, "out of memory");
	while (rc == 0) {
		if (n == cap) {
			char *b = cap < CSV_READ_MAX ? realloc(buf, 2 * cap) : NULL;
			if (!b) {
				rc = cap < CSV_READ_MAX
					? cli_fail(EXIT_FAILURE, "out of memory")
					: cli_fail(EX_DATAERR, "%s is over %u MiB",
						   path, CSV_READ_MAX >> 20);
				break;
			}
			buf = b;
			cap *= 2;
		}
		size_t k = fread(buf + n, 1, cap - n, f);
		n += k;
		if (k == 0) {
			if (ferror(f))
				rc = cli_fail(EX_NOINPUT, "cannot read %s", path);
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	*out = buf;
	*len = n;
	return 0;
}

static int csv_read(const char *path, struct csv_doc *d)
{
	char *text = NULL;
	size_t len = 0;
	int rc = file_read(path, &text, &len);
	if (rc)
		return rc;
	if (memchr(text, '\0', len)) {
		free(text);
		return cli_fail(EX_DATAERR, "%s holds a NUL byte", path);
	}
	const char *s = text;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { /* a BOM */
		s += 3;
		len -= 3;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
		free(text);
		return cli_fail(EXIT_FAILURE, "out of memory");
	}
	csv_set_space_func(&p, no_space);
	bool ok = csv_parse(&p, s, len, cell_cb, row_cb, d) == len &&
		  csv_fini(&p, cell_cb, row_cb, d) == 0;
	int err = csv_error(&p);
	csv_free(&p);
	free(text);
	if (d->nomem)
		return cli_fail(EXIT_FAILURE, "out of memory");
	if (!ok)
		return cli_fail(EX_DATAERR, "%s: not CSV (RFC 4180) after row %zu: "
				"%s", path, d->n, csv_strerror(err));
	return 0;
}

/* The header and each row: handle, then one value per variable. */
static int csv_check(const char *path, const struct csv_doc *d)
{
	if (d->n == 0 || d->row[0].n == 0 || strcmp(d->row[0].cell[0], "handle"))
		return cli_fail(EX_DATAERR, "%s: the first row is the header: "
				"handle, then one column per variable", path);
	const struct csv_row *h = &d->row[0];
	for (size_t k = 1; k < h->n; k++) {
		const char *why = im_template_var_refusal(h->cell[k]);
		if (why && !strcmp(why, "is inmail's own variable"))
			return cli_fail(EX_DATAERR, "%s: column '%s' %s", path,
					h->cell[k], why);
		if (why)
			return cli_fail(EX_DATAERR, "%s: column %zu's name '%s' "
					"%s", path, k + 1, h->cell[k], why);
		for (size_t j = 1; j < k; j++)
			if (strcmp(h->cell[k], h->cell[j]) == 0)
				return cli_fail(EX_DATAERR, "%s: column '%s' "
						"twice", path, h->cell[k]);
	}
	if (d->n == 1)
		return cli_fail(EX_DATAERR, "%s: no candidate (only the header)",
				path);
	for (size_t i = 1; i < d->n; i++) {
		if (d->row[i].n != h->n)
			return cli_fail(EX_DATAERR, "%s: row %zu has %zu fields, "
					"the header %zu", path, i + 1,
					d->row[i].n, h->n);
		if (!d->row[i].cell[0][0])
			return cli_fail(EX_DATAERR, "%s: row %zu has no handle",
					path, i + 1);
	}
	return 0;
}

/* ---- the progress bar ---- */

struct progress {
	double start, last;
	bool shown;
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress_cb(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	double now = now_s();
	/* From the first second on, at most 20 times a second, and the end. */
	if ((!p->shown && now - p->start < 1.0) ||
	    (done < total && now - p->last < 0.05))
		return;
	p->shown = true;
	p->last = now;
	int width = 30, fill = (int)((double)width * (double)done /
				     (double)(total ? total : 1));
	fprintf(stderr, "\rsending [%.*s%*s] %zu/%zu", fill,
		"##############################", width - fill, "", done,
		total);
	fflush(stderr);
}

/* ---- the send ---- */

static void print_rendered(const struct im_rendered *r, size_t i, size_t n,
			   int days)
{
	printf("--- %zu/%zu to ", i + 1, n);
	out_text(stdout, r->to);
	fputs("\nSubject: ", stdout);
	out_text(stdout, r->subject);
	fputs("\n\n", stdout);
	out_body(stdout, r->body, "");
	if (r->followup_body) {
		printf("\nFollow-up after %d days:\n", days);
		out_body(stdout, r->followup_body, "");
	}
}

int cli_send_template(struct cli_ctx *ctx, const struct cli_template_args *a)
{
	struct csv_doc doc = {0};
	struct im_render_var *vars = calloc(a->n_var + 1, sizeof *vars);
	int rc = vars ? 0 : cli_fail(EXIT_FAILURE, "out of memory");
	for (size_t i = 0; rc == 0 && i < a->n_var; i++) {
		char *eq = strchr(a->var[i], '=');
		if (!eq || eq == a->var[i])
			rc = cli_fail(EX_USAGE, "--var takes WORD=VALUE, e.g. "
				      "--var job='Platform lead'");
		else {
			*eq = '\0';
			vars[i] = (struct im_render_var){a->var[i], eq + 1};
		}
	}
	struct im_template_send req = {.name = a->name, .to = a->to,
				       .n_to = a->n_to, .vars = vars,
				       .n_vars = a->n_var};
	const char **to = NULL;
	struct im_render_var **per = NULL;
	size_t *nper = NULL;
	if (rc == 0 && a->to_file && (rc = csv_read(a->to_file, &doc)) == 0 &&
	    (rc = csv_check(a->to_file, &doc)) == 0) {
		size_t n = doc.n - 1, cols = doc.row[0].n - 1;
		to = calloc(n, sizeof *to);
		per = calloc(n, sizeof *per);
		nper = calloc(n, sizeof *nper);
		if (!to || !per || !nper)
			rc = cli_fail(EXIT_FAILURE, "out of memory");
		for (size_t i = 0; rc == 0 && i < n; i++) {
			const struct csv_row *r = &doc.row[i + 1];
			to[i] = r->cell[0];
			if (!(per[i] = calloc(cols + 1, sizeof **per))) {
				rc = cli_fail(EXIT_FAILURE, "out of memory");
				break;
			}
			for (size_t k = 0; k < cols; k++)
				per[i][k] = (struct im_render_var){
					doc.row[0].cell[k + 1], r->cell[k + 1]};
			nper[i] = cols;
		}
		req.to = to;
		req.n_to = n;
		req.cand_vars = (const struct im_render_var *const *)per;
		req.n_cand_vars = nper;
	}
	struct im_model *m = NULL;
	if (rc == 0)
		rc = cli_open(ctx, CLI_OPEN_ACTOR, &m);
	int64_t *ids = rc == 0 ? calloc(req.n_to, sizeof *ids) : NULL;
	if (rc == 0 && !ids)
		rc = cli_fail(EXIT_FAILURE, "out of memory");
	if (rc == 0 && a->dry_run) {
		struct im_rendered *r = NULL;
		int days = 0;
		int64_t credits = 0;
		/* Every check the send makes, nothing written (SPEC 9). */
		enum im_status st = im_template_dry_run(m, &req, &r, &days,
							&credits);
		if (st != IM_OK) {
			rc = cli_model_fail(m, st);
		} else {
			for (size_t i = 0; i < req.n_to; i++)
				print_rendered(&r[i], i, req.n_to, days);
			printf("---\n%zu InMail%s, %zu credit%s (you have %lld); "
			       "nothing was sent (--dry-run)\n", req.n_to,
			       req.n_to == 1 ? "" : "s", req.n_to,
			       req.n_to == 1 ? "" : "s", (long long)credits);
			rc = cli_flush_stdout();
		}
		im_rendered_free(&r, req.n_to);
	} else if (rc == 0) {
		struct progress p = {now_s(), 0, false};
		if (isatty(STDERR_FILENO)) {
			req.progress = progress_cb;
			req.progress_ctx = &p;
		}
		enum im_status st = im_template_send(m, &req, ids);
		if (p.shown)
			fputs("\r\033[K", stderr);
		if (st != IM_OK)
			rc = cli_model_fail(m, st);
		for (size_t i = 0; st == IM_OK && i < req.n_to; i++)
			printf("%lld\n", (long long)ids[i]);
		if (st == IM_OK)
			rc = cli_flush_stdout();
	}
	im_model_close(&m);
	if (per)
		for (size_t i = 0; i < req.n_to; i++)
			free(per[i]);
	free(per);
	free(nper);
	free(to);
	free(ids);
	free(vars);
	doc_free(&doc);
	return rc;
}
