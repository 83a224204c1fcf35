/* rate: placeholder until the rating flow lands. */
#include "rate.h"

#include "app.h"

void rate_begin(struct app *a) { (void)a; }
void rate_from_ticket(struct app *a, const char *ticket_id) { (void)a; (void)ticket_id; }
void rate_from_dossier(struct app *a, const struct dossier_info *d) { (void)a; (void)d; }
bool rate_on_lookup(struct app *a, const struct lookup_answer *ans) { (void)a; (void)ans; return false; }
void directory_open(struct app *a) { (void)a; }
