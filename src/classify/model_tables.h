/* The trained model: weights of features, in an open-addressing table that
 * classify-train generates at build time (model_tables.c) from the corpus
 * in assets/classifier/. */
#ifndef CLASSIFY_MODEL_TABLES_H
#define CLASSIFY_MODEL_TABLES_H

#include <stdint.h>

/* A feature key k lives at the first slot from (k & model_tables_mask) on,
 * probing linearly, whose fp is (k >> 32) | 1; a slot with fp 0 is empty
 * and ends the search (the feature is unknown, weight 0). */
struct model_tables_entry {
	uint32_t fp;
	float weight; /* > 0 pushes toward decline */
};

extern const double model_tables_bias;
/* What the weight of a feature after a contrastive turn is multiplied by
 * ("I love my job, but I'd hear you out"), and the FEATURIZE_OPT_* the
 * model was trained with. */
extern const double model_tables_after_turn;
extern const unsigned model_tables_opts;
extern const uint32_t model_tables_mask;
extern const struct model_tables_entry model_tables_entries[];

#endif
