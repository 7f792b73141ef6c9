/* inmail classify: the reply classifier (SPEC 4) on standard input, one
 * reply a line, or its evaluation over a labelled file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inmail/classify.h"
#include "output.h"

/* SPEC 5 "Output": a line of standard input is at most this long. */
#define CLASSIFY_LINE_MAX 8192
/* The recruiter's InMail (--inmail FILE) is bounded like a reply. */
#define CLASSIFY_INMAIL_MAX IM_CLASSIFY_MAX_BYTES

static const char classify_usage[] =
	"usage: inmail classify [--explain] [--json] [--inmail FILE]\n"
	"       inmail classify --eval FILE [--json]\n\n"
	"Reads one reply a line on standard input (at most 8192 bytes; \"\\n\" in a\n"
	"line stands for a line break) and prints, a line each, accept or\n"
	"decline, a tab and the confidence (0-1).  Only the candidate's own words\n"
	"are read: quoted text, signatures and lines of the InMail (--inmail FILE)\n"
	"are stripped first.  --explain adds the features that weighed most, each\n"
	"a tab, with its weight (> 0 pushes toward decline), then what was\n"
	"stripped; --json prints one JSON object a line instead.  A line that\n"
	"cannot be classified (empty, not UTF-8) gets \"error\", a tab and why;\n"
	"the exit status is then 65, after the last line.  A longer line stops\n"
	"it with 65.\n\n"
	"--eval FILE reads labelled replies (accept|decline, a tab, the reply; '#'\n"
	"lines skipped) and prints the accuracy, precision and recall of each\n"
	"label and the confusion matrix.";

/* Why a line could not be classified. */
static const char *classify_problem(enum im_classify_result r)
{
	switch (r) {
	case IM_CLASSIFY_EMPTY:
		return "empty line";
	case IM_CLASSIFY_BAD_UTF8:
		return "not valid UTF-8";
	case IM_CLASSIFY_TOO_LONG:
		return "line too long (over 64 KiB)";
	case IM_CLASSIFY_OK:
		break;
	}
	return "cannot classify";
}

/* Drops the line end getline() kept: "\n" or "\r\n". */
static size_t classify_chomp(char *line, size_t len)
{
	if (len > 0 && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len > 0 && line[len - 1] == '\r')
		line[--len] = '\0';
	return len;
}

static int classify_print_json(json_t *j)
{
	int rc;

	if (!j)
		return -1;
	rc = json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	json_decref(j);
	putchar('\n');
	return rc;
}

/* "\n" in a line is a line break, "\\" a backslash (the corpus format);
 * returns the new length. */
static size_t classify_unescape(char *s, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && (s[i + 1] == 'n' || s[i + 1] == '\\')) {
			s[o++] = s[i + 1] == 'n' ? '\n' : '\\';
			i++;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

/* A stripped part, as one line: its line breaks shown as "\n". */
static char *classify_part(const char *text, struct im_span sp, char *buf,
			   size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < sp.len && o + 3 < size; i++) {
		char c = text[sp.off + i];

		if (c == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else if (c != '\r') {
			buf[o++] = c;
		}
	}
	while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80 && o + 3 >= size)
		o--; /* never a cut character */
	buf[o] = '\0';
	return buf;
}

static json_t *classify_json(const struct im_classification *c,
			     const struct im_strip *st, const char *text,
			     bool explain)
{
	json_t *j = json_pack("{s:s, s:f}", "label", im_label_name(c->label),
			      "confidence", c->confidence);
	json_t *features, *stripped;

	if (!j || !explain)
		return j;
	features = json_array();
	for (size_t i = 0; features && i < c->n_features; i++)
		json_array_append_new(features,
				      json_pack("{s:s, s:f}", "text", c->features[i].text,
						"weight", c->features[i].weight));
	stripped = json_array();
	for (size_t i = 0; stripped && !st->whole && i < st->n_cut &&
			   i < IM_STRIP_MAX_SPANS; i++)
		json_array_append_new(stripped,
				      json_pack("{s:s, s:s%}", "kind",
						im_strip_kind_name(st->cut_kind[i]), "text",
						text + st->cut[i].off, st->cut[i].len));
	if (!features || json_object_set_new(j, "features", features) || !stripped ||
	    json_object_set_new(j, "stripped", stripped)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* Feature texts come from normalised words, emoji and punctuation, never
 * control characters; out_text() makes sure of it all the same, and of
 * the stripped text. */
static void classify_print_plain(const struct im_classification *c,
				 const struct im_strip *st, const char *text,
				 bool explain)
{
	static char buf[CLASSIFY_LINE_MAX * 2 + 4];

	printf("%s\t%.3f", im_label_name(c->label), c->confidence);
	for (size_t i = 0; explain && i < c->n_features; i++) {
		putchar('\t');
		out_text(stdout, c->features[i].text);
		printf(" %+.3f", c->features[i].weight);
	}
	for (size_t i = 0; explain && !st->whole && i < st->n_cut &&
			   i < IM_STRIP_MAX_SPANS; i++) {
		printf("\tstripped %s: ", im_strip_kind_name(st->cut_kind[i]));
		out_text(stdout, classify_part(text, st->cut[i], buf, sizeof(buf)));
	}
	putchar('\n');
}

/* Reads one line of at most CLASSIFY_LINE_MAX bytes into buf (which has
 * room for one more and a NUL), without its "\n" or "\r\n".  Returns its
 * length, -1 at the end of input, -2 if the line is longer. */
static long classify_read_line(FILE *in, char *buf)
{
	size_t n = 0;
	int c;

	while ((c = getc(in)) != EOF && c != '\n') {
		if (n == CLASSIFY_LINE_MAX + 1)
			return -2;
		buf[n++] = (char)c;
	}
	if (c == EOF && n == 0)
		return -1;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	if (n > CLASSIFY_LINE_MAX)
		return -2;
	buf[n] = '\0';
	return (long)n;
}

/* The recruiter's InMail, for stripping it where it was pasted back. */
static int classify_read_inmail(const char *path, char *buf, size_t *len)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return cli_fail(EX_NOINPUT, "classify: cannot read %s: %s", path,
				strerror(errno));
	*len = fread(buf, 1, CLASSIFY_INMAIL_MAX + 1, f);
	if (ferror(f)) {
		fclose(f);
		return cli_fail(EXIT_FAILURE, "classify: cannot read %s: %s", path, strerror(errno));
	}
	fclose(f);
	if (*len > CLASSIFY_INMAIL_MAX)
		return cli_fail(EX_DATAERR, "classify: %s is longer than %d bytes",
				path, CLASSIFY_INMAIL_MAX);
	return EX_OK;
}

static int classify_stream(bool explain, bool json, const char *inmail_path)
{
	static char line[CLASSIFY_LINE_MAX + 2];
	static char inmail[CLASSIFY_INMAIL_MAX + 1];
	size_t bad = 0, lineno = 0, inmail_len = 0;
	long n;
	int rc = 0;

	if (inmail_path && (rc = classify_read_inmail(inmail_path, inmail, &inmail_len)))
		return rc;
	while (rc == 0 && (n = classify_read_line(stdin, line)) != -1) {
		struct im_classification c;
		struct im_strip st;
		size_t len;
		enum im_classify_result r;

		lineno++;
		if (n == -2) {
			fflush(stdout);
			return cli_fail(EX_DATAERR, "classify: line %zu is longer than "
					"%d bytes", lineno, CLASSIFY_LINE_MAX);
		}
		len = classify_unescape(line, (size_t)n);
		r = im_classify_reply(line, len, inmail_path ? inmail : NULL, inmail_len,
				      &c, &st);
		if (r != IM_CLASSIFY_OK) {
			bad++;
			if (json)
				rc = classify_print_json(json_pack("{s:s}", "error",
								   classify_problem(r)));
			else
				printf("error\t%s\n", classify_problem(r));
		} else if (json) {
			rc = classify_print_json(classify_json(&c, &st, line, explain));
		} else {
			classify_print_plain(&c, &st, line, explain);
		}
		if (ferror(stdout))
			rc = -1;
	}
	if (ferror(stdin))
		return cli_fail(EXIT_FAILURE, "classify: cannot read standard input: %s",
				strerror(errno));
	if (rc != 0 || fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(EXIT_FAILURE, "classify: cannot write the output: %s",
				strerror(errno ? errno : EIO));
	if (bad)
		return cli_fail(EX_DATAERR, "classify: %zu of %zu lines could not "
				"be classified", bad, lineno);
	return EX_OK;
}

/* Counts of an evaluation: confusion[true label][predicted label]. */
struct classify_eval {
	size_t confusion[2][2];
	size_t total, bad, first_bad;
};

static double classify_ratio(size_t num, size_t den)
{
	return den ? (double)num / (double)den : -1;
}

static void classify_eval_line(struct classify_eval *ev, char *line,
			       size_t lineno)
{
	char *tab = strchr(line, '\t');
	struct im_classification c;
	enum im_label truth;

	if (tab && tab - line == 6 && !strncmp(line, "accept", 6))
		truth = IM_LABEL_ACCEPT;
	else if (tab && tab - line == 7 && !strncmp(line, "decline", 7))
		truth = IM_LABEL_DECLINE;
	else
		goto bad;
	if (im_classify(tab + 1, classify_unescape(tab + 1, strlen(tab + 1)), &c) !=
	    IM_CLASSIFY_OK)
		goto bad;
	ev->confusion[truth][c.label]++;
	ev->total++;
	return;
bad:
	if (!ev->bad++)
		ev->first_bad = lineno;
}

/* A ratio in a column, or "-" where it is undefined (nothing predicted). */
static void classify_print_ratio(double r, int width, const char *end)
{
	if (r < 0)
		printf("%-*s%s", width, "-", end);
	else
		printf("%-*.4f%s", width, r, end);
}

static void classify_eval_plain(const struct classify_eval *ev)
{
	static const enum im_label labels[] = {IM_LABEL_ACCEPT, IM_LABEL_DECLINE};
	const size_t (*m)[2] = ev->confusion;

	printf("replies    %zu\n", ev->total);
	printf("accuracy   %.4f\n\n", classify_ratio(m[0][0] + m[1][1], ev->total));
	printf("label      precision  recall\n");
	for (size_t i = 0; i < 2; i++) {
		enum im_label l = labels[i];
		double p = classify_ratio(m[l][l], m[0][l] + m[1][l]);
		double r = classify_ratio(m[l][l], m[l][0] + m[l][1]);

		printf("%-10s ", im_label_name(l));
		classify_print_ratio(p, 10, " ");
		classify_print_ratio(r, 0, "\n");
	}
	printf("\nconfusion (rows: true label, columns: predicted)\n");
	printf("%-10s %-10s %s\n", "", "accept", "decline");
	for (size_t i = 0; i < 2; i++)
		printf("%-10s %-10zu %zu\n", im_label_name(labels[i]),
		       m[labels[i]][IM_LABEL_ACCEPT], m[labels[i]][IM_LABEL_DECLINE]);
}

static json_t *classify_eval_json(const struct classify_eval *ev)
{
	const size_t (*m)[2] = ev->confusion;
	json_t *j = json_pack("{s:I, s:f}", "replies", (json_int_t)ev->total,
			      "accuracy", classify_ratio(m[0][0] + m[1][1], ev->total));
	json_t *per_label = json_object(), *confusion = json_object();

	if (!j || !per_label || !confusion) {
		json_decref(j);
		json_decref(per_label);
		json_decref(confusion);
		return NULL;
	}
	for (int l = IM_LABEL_ACCEPT; l <= IM_LABEL_DECLINE; l++) {
		double p = classify_ratio(m[l][l], m[0][l] + m[1][l]);
		double r = classify_ratio(m[l][l], m[l][0] + m[l][1]);

		json_object_set_new(per_label, im_label_name(l),
				    json_pack("{s:o, s:o}",
					      "precision", p < 0 ? json_null() : json_real(p),
					      "recall", r < 0 ? json_null() : json_real(r)));
		json_object_set_new(confusion, im_label_name(l),
				    json_pack("{s:I, s:I}",
					      "accept", (json_int_t)m[l][IM_LABEL_ACCEPT],
					      "decline", (json_int_t)m[l][IM_LABEL_DECLINE]));
	}
	json_object_set_new(j, "labels", per_label);
	json_object_set_new(j, "confusion", confusion);
	return j;
}

static int classify_eval(const char *path, bool json)
{
	FILE *f = fopen(path, "r");
	struct classify_eval ev = {0};
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	if (!f)
		return cli_fail(EX_NOINPUT, "classify: cannot read %s: %s",
				path, strerror(errno));
	while ((n = getline(&line, &cap, f)) >= 0) {
		size_t len = classify_chomp(line, (size_t)n);

		lineno++;
		if (len == 0 || line[0] == '#')
			continue;
		classify_eval_line(&ev, line, lineno);
	}
	free(line);
	if (ferror(f)) {
		fclose(f);
		return cli_fail(EXIT_FAILURE, "classify: cannot read %s: %s", path, strerror(errno));
	}
	fclose(f);
	if (json)
		rc = classify_print_json(classify_eval_json(&ev));
	else
		classify_eval_plain(&ev);
	if (rc != 0 || fflush(stdout) != 0)
		return cli_fail(EXIT_FAILURE, "classify: cannot write the output");
	if (ev.bad)
		return cli_fail(EX_DATAERR, "classify: %s: %zu lines are not "
				"\"accept|decline<TAB>reply\" (the first is line %zu)",
				path, ev.bad, ev.first_bad);
	return EX_OK;
}

int cmd_classify(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"explain", no_argument, NULL, 'x'},
		{"json", no_argument, NULL, 'j'},
		{"eval", required_argument, NULL, 'e'},
		{"inmail", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *eval = NULL, *inmail = NULL;
	bool explain = false, json = false;
	int c;

	(void)ctx;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'x': explain = true; break;
		case 'j': json = true; break;
		case 'e': eval = optarg; break;
		case 'i': inmail = optarg; break;
		case 'h': return cli_help(classify_usage);
		default: return EX_USAGE;
		}
	}
	if (optind != argc)
		return cli_fail(EX_USAGE, "classify: unexpected '%s' (replies come "
				"on standard input)", argv[optind]);
	if (eval && explain)
		return cli_fail(EX_USAGE, "classify: --explain does not go with --eval");
	if (eval && inmail)
		return cli_fail(EX_USAGE, "classify: --inmail does not go with --eval");
	return eval ? classify_eval(eval, json) : classify_stream(explain, json, inmail);
}
