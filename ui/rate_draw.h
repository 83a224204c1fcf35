/* rate_draw: what the rating and directory screens draw beyond buttons: faces made of circles
 * and an arc, officers' photos (or initials in a circle), the officer card, check boxes. */
#ifndef KIOSK_UI_RATE_DRAW_H
#define KIOSK_UI_RATE_DRAW_H

#include "ui/draw.h"

void rate_draw_circle(struct app *a, int cx, int cy, int r, SDL_Color c);
/* A face of radius r: mood -2 (very unhappy) .. 2 (very happy), coloured by mood. */
void rate_draw_face(struct app *a, int cx, int cy, int r, int mood);
/* The officer's photo in a circle of box (square), or initials on a colour of their own;
 * bg is the colour around the circle. */
void rate_draw_avatar(struct app *a, SDL_Rect box, const struct catalog_officer *o, SDL_Color bg);
/* Avatar on the left, then name, title, and "field · counter" lines; on a white card. */
void rate_draw_card(struct app *a, SDL_Rect box, const struct catalog_officer *o);
/* A white tick in the square box (on a coloured ground). */
void rate_draw_tick(struct app *a, SDL_Rect box);
/* Cell i of a list page of `per` cells (one column in portrait, two in landscape), starting
 * `skip` pixels below the top of the body; portrait keeps the last row for the pager. */
SDL_Rect rate_draw_cell(const struct metrics *m, int i, int per, int skip);
/* A check box, ticked or not. */
void rate_draw_check(struct app *a, SDL_Rect box, bool checked);
/* "Quầy 2" for a counter id, from the catalogue (the id itself when unknown). */
const char *rate_draw_counter_name(const struct app *a, const char *id);
/* The name of a field in the current language, "" when unknown. */
const char *rate_draw_field_name(const struct app *a, const char *id);

#endif
