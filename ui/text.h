/* text: UTF-8 text on the SDL renderer through SDL2_ttf, with fonts opened once per size and a
 * bounded cache of rendered textures (a kiosk redraws the same strings every frame). */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <SDL.h>

enum {
	TEXT_BOLD = 1,
	TEXT_CENTER = 2,   /* horizontally, within the box */
	TEXT_RIGHT = 4,
	TEXT_VCENTER = 8,  /* vertically, within the box */
	TEXT_FIT = 16,     /* shrink (down to 60 %) until it fits the box */
	TEXT_NOWRAP = 32,  /* one line, never wrapped (with TEXT_FIT: shrunk to the box width) */
};

struct text;

/* ERR_FONT when neither face can be opened. TTF_Init must have been called. */
int text_new(SDL_Renderer *ren, const char *font, const char *font_bold, struct text **out);
void text_free(struct text *t);
/* Draws s wrapped to box.w; returns the height drawn, or a negative error. */
int text_draw(struct text *t, const char *s, int size, int flags, SDL_Color color, SDL_Rect box);
/* Size of s rendered at size, wrapped to wrap_w (0: one line). */
int text_size(struct text *t, const char *s, int size, int flags, int wrap_w, int *w, int *h);

#endif
