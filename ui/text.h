/* text: UTF-8 text on the SDL renderer through SDL2_ttf, with fonts opened once per size and a
 * bounded cache of rendered textures (a kiosk redraws the same strings every frame). */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <SDL.h>
#include <stdint.h>
#include <stdio.h>

enum {
	TEXT_BOLD = 1,
	TEXT_CENTER = 2,   /* horizontally, within the box */
	TEXT_RIGHT = 4,
	TEXT_VCENTER = 8,  /* vertically, within the box */
	TEXT_FIT = 16,     /* shrink (to 60 %, never under the floor) until it fits the box */
	TEXT_NOWRAP = 32,  /* one line, never wrapped (with TEXT_FIT: shrunk to the box width) */
};

struct text;

/* ERR_FONT when neither face can be opened. TTF_Init must have been called. */
int text_new(SDL_Renderer *ren, const char *font, const char *font_bold, struct text **out);
void text_free(struct text *t);
/* The smallest size anything is drawn at (text_set_floor; docs/ui.md): TEXT_FIT stops there,
 * and the layout check (ui/layout_check.h) fails a frame that drew text under it. */
void text_set_floor(struct text *t, int px);
int text_floor(const struct text *t);
/* Draws s wrapped to box.w; returns the height drawn, or a negative error. */
int text_draw(struct text *t, const char *s, int size, int flags, SDL_Color color, SDL_Rect box);
/* While sum is not NULL, text_draw draws nothing: it lays the text out as it would and adds
 * what it would draw to *sum (ui/framesum.h), returning the same height. NULL: draw again. */
void text_sum_into(struct text *t, uint64_t *sum);
/* Size of s rendered at size, wrapped to wrap_w (0: one line). */
int text_size(struct text *t, const char *s, int size, int flags, int wrap_w, int *w, int *h);

/* Records of what a frame drew, for the golden comparison (tests/tools/imgdiff.c: no pixel may
 * differ where text or a picture is) and for layout checks. Off unless started: between
 * text_record_start and text_record_write every text drawn is kept with the box it was given,
 * the rectangle it landed in, its size asked and drawn (TEXT_FIT shrinks), its flags and the
 * widget being drawn (text_owner); pictures the screens draw are noted by text_record_image.
 * text_record_write writes them as tab-separated lines (format in docs/testing.md), frees
 * them and stops recording (fp NULL: only that); ERR_IO when the file cannot be written. */
void text_record_start(struct text *t);
/* The widget whose texts are drawn next (draw.c), or none with id NULL. */
void text_owner(struct text *t, const char *id);
void text_record_image(struct text *t, const char *what, SDL_Rect r);
int text_record_write(struct text *t, FILE *fp);

/* One record: a text (kind 't') or a picture ('i'). */
struct text_record {
	char kind;
	SDL_Rect drawn, box;
	int size, size_drawn, flags;
	char owner[24];         /* the widget being drawn, "" none */
	char *s;                /* the text, or what the picture is */
};
/* The records kept since text_record_start; borrowed until text_record_write. */
int text_records(const struct text *t, const struct text_record **out);

#endif
