/* framesum: what a frame would put on the screen, summed. Each drawing primitive (ui/draw.c,
 * ui/text.c) adds its arguments while a frame is drawn dry; equal sums mean equal pixels, so
 * the frame need not be drawn again (ui/app.c app_frame). 64-bit FNV-1a. */
#ifndef KIOSK_FRAMESUM_H
#define KIOSK_FRAMESUM_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#define FRAMESUM_SEED 14695981039346656037ull

static inline uint64_t framesum_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

/* A colour as one int, for framesum_ints (packed unsigned: a byte above 127 in the top one
 * must not overflow an int) */
static inline int framesum_rgba(SDL_Color c)
{
	return (int)((unsigned)c.r << 24 | (unsigned)c.g << 16 | (unsigned)c.b << 8 | c.a);
}

/* n ints, each as its four bytes (without reading an int's storage as bytes) */
static inline uint64_t framesum_ints(uint64_t h, const int *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int b = 0; b < 32; b += 8)
			h = (h ^ (((unsigned)v[i] >> b) & 0xFFu)) * 1099511628211ull;
	return h;
}

#endif
