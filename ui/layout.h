/* layout: where things go on the kiosk's screen, from its size alone: margins, the header,
 * title and footer bands, text sizes for the two orientations, and the header's clock (the
 * staff's way in). The screen manager (ui/app.c) hit-tests with it, the drawing (ui/draw.c)
 * draws with it; it knows neither. */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#include <SDL.h>
#include <stdbool.h>

struct metrics {
	int w, h;
	bool landscape;
	int margin, gap;
	int header_h, title_h, footer_h;
	SDL_Rect body;           /* between title and footer */
	int s_huge, s_title, s_btn, s_sub, s_body, s_small;
};

/* The metrics of a w x h screen (1080 is the short side in both layouts). */
void layout_metrics(int w, int h, struct metrics *m);
/* Where the header shows the date and time (also the staff's way in, journey/staff.h). */
SDL_Rect layout_clock_rect(const struct metrics *m);

#endif
