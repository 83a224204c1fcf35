/* draw: the kiosk's look: metrics for the two orientations, colours, the header and footer
 * every screen shares, and widget drawing. Large touch targets (at least 120 px high on a
 * 1080-wide portrait screen), dark text on light panels for contrast. */
#ifndef KIOSK_DRAW_H
#define KIOSK_DRAW_H

#include "ui/app.h"
#include "ui/layout.h"

extern const SDL_Color COL_BG, COL_INK, COL_HEADER, COL_ON_HEADER, COL_PRIMARY, COL_MUTED_BG,
	COL_MUTED_INK, COL_WARN_BG, COL_WARN_INK, COL_OK, COL_LINE, COL_WHITE;

/* The layout's metrics for the app's screen (ui/layout.h). */
void draw_metrics(const struct app *a, struct metrics *m);
/* The smallest text a screen may show, px (s_small): 30 px on the 1080 px side, about 8 mm
 * tall on a 21.5" panel, for a reader with poor eyesight at arm's length (docs/ui.md). */
int draw_floor(const struct app *a);
/* Append a widget; returns the new count (unchanged when full). */
int widget_add(struct widget *w, int n, int max, const char *id, SDL_Rect r, const char *title,
	       const char *sub, enum widget_style style, bool enabled);
/* The language toggle (always), and back/home in the footer as asked. */
int draw_chrome(struct app *a, struct widget *w, int n, int max, bool back, bool home);
/* Background, header (unit name, date and time, printer warning) and the screen title. */
void draw_frame(struct app *a, const char *title);
void draw_widgets(struct app *a, const struct widget *w, int n);
/* The primitives every screen draws with. A frame is drawn dry first (app_frame): each of
 * these then only adds what it would draw to the frame's sum, and the frame is drawn for real
 * only when that sum differs from the one on the screen. Nothing in ui/ draws through SDL
 * but these and ui/text.c, or a change on the screen could go unseen. */
void draw_fill(struct app *a, SDL_Rect r, SDL_Color c);
/* c's alpha blended over what is under r */
void draw_shade(struct app *a, SDL_Rect r, SDL_Color c);
void draw_line(struct app *a, int x0, int y0, int x1, int y1, SDL_Color c);
/* the rectangle's one-pixel border */
void draw_outline(struct app *a, SDL_Rect r, SDL_Color c);
/* src of tex (NULL: all of it) scaled into dst; id, n: what picture tex holds (a path, a
 * frame number), for the sum; what: the layout check's name for it */
void draw_image(struct app *a, SDL_Texture *tex, const SDL_Rect *src, SDL_Rect dst,
		const void *id, size_t n, const char *what);
void draw_text(struct app *a, const char *s, int size, int flags, SDL_Color c, SDL_Rect box);
/* Height of s wrapped to w at size (w 0: one line); 0 for "", a line and a half when it
 * cannot be measured. For layouts that place text only once they know its size. */
int draw_text_h(struct app *a, const char *s, int size, int flags, int w);



/* List screens: items per page for the orientation, the rectangle of the i-th item on a page
 * (one column in portrait, two in landscape), and the pager widgets under the list. */
int draw_per_page(const struct metrics *m);
SDL_Rect draw_cell(const struct metrics *m, int i);
/* The i-th cell with rows rows a column (draw_cell: the usual rows). */
SDL_Rect draw_cell_rows(const struct metrics *m, int i, int rows);
/* Rows a column such that every item's title (at the floor size at worst) and sub-line fit
 * its cell: the usual rows, fewer (more pages) for long names. subs may be NULL. */
int draw_rows_fit(struct app *a, const struct metrics *m, const char *const *titles,
		  const char *const *subs, int n);
int draw_pager(struct app *a, struct widget *w, int n, int max, int page, int pages);
/* The pager's buttons: id "next" or "prev" turns *page and is true; any other id is false. */
bool draw_page_turn(const char *id, int *page);

#endif
