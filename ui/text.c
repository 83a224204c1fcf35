/* text: font table per (size, weight) and an LRU texture cache keyed by the whole request. */
#include "text.h"

#include "framesum.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_FONTS 24
#define TEXT_CACHE 192
/* Textures of the software renderer live in RAM: bound them by bytes, not only by count,
 * since a wrapped paragraph at 1080 px is about a megabyte. */
#define TEXT_CACHE_BYTES (12u << 20)
#define TEXT_MAX_BYTES 1024

struct font_slot {
	int size, bold;
	TTF_Font *font;
	uint64_t used;
};

struct cached {
	uint32_t hash;
	char *s;
	int size, flags, wrap_w;
	SDL_Color color;
	SDL_Texture *tex;
	int w, h;
	uint64_t used;
};

#define TEXT_RECORDS_MAX 4096


struct text {
	SDL_Renderer *ren;
	uint64_t *sum;         /* drawing dry into this sum; NULL: drawing */
	bool recording;
	int floor;             /* px; 0: none */
	char owner[24];        /* the widget being drawn, "" none */
	struct text_record *recs;
	int nrecs;
	char path[2][256];
	struct font_slot fonts[TEXT_FONTS];
	struct cached cache[TEXT_CACHE];
	size_t bytes;          /* pixels held by cached textures, 4 bytes each */
	uint64_t tick;
};

/* Faces by (size, weight). TEXT_FIT tries several sizes, so when every slot is taken the
 * least recently used face is closed (the textures rendered with it stay valid). */
static TTF_Font *font_get(struct text *t, int size, int bold)
{
	struct font_slot *free_slot = NULL, *lru = &t->fonts[0];

	for (int i = 0; i < TEXT_FONTS; i++) {
		struct font_slot *f = &t->fonts[i];
		if (f->font && f->size == size && f->bold == bold) {
			f->used = ++t->tick;
			return f->font;
		}
		if (!f->font && !free_slot)
			free_slot = f;
		if (f->used < lru->used)
			lru = f;
	}
	if (!free_slot) {
		TTF_CloseFont(lru->font);
		lru->font = NULL;
		free_slot = lru;
	}
	free_slot->font = TTF_OpenFont(t->path[bold], size);
	if (!free_slot->font) {
		log_error("text: cannot open font %s: %s", t->path[bold], TTF_GetError());
		return NULL;
	}
	free_slot->size = size;
	free_slot->bold = bold;
	free_slot->used = ++t->tick;
	return free_slot->font;
}

int text_new(SDL_Renderer *ren, const char *font, const char *font_bold, struct text **out)
{
	struct text *t = calloc(1, sizeof(*t));

	if (!t)
		return ERR_NOMEM;
	t->ren = ren;
	snprintf(t->path[0], sizeof(t->path[0]), "%s", font);
	snprintf(t->path[1], sizeof(t->path[1]), "%s", font_bold);
	if (!font_get(t, 32, 0) || !font_get(t, 32, 1)) {
		text_free(t);
		return ERR_FONT;
	}
	*out = t;
	return 0;
}

void text_set_floor(struct text *t, int px)
{
	t->floor = px > 0 ? px : 0;
}

void text_sum_into(struct text *t, uint64_t *sum)
{
	t->sum = sum;
}

int text_floor(const struct text *t)
{
	return t->floor;
}

static size_t cached_bytes(const struct cached *c)
{
	return (size_t)c->w * (size_t)c->h * 4;
}

static void cached_drop(struct text *t, struct cached *c)
{
	t->bytes -= c->tex ? cached_bytes(c) : 0;
	if (c->tex)
		SDL_DestroyTexture(c->tex);
	free(c->s);
	memset(c, 0, sizeof(*c));
}

static void records_free(struct text *t)
{
	for (int i = 0; i < t->nrecs; i++)
		free(t->recs[i].s);
	free(t->recs);
	t->recs = NULL;
	t->nrecs = 0;
}

void text_free(struct text *t)
{
	if (!t)
		return;
	records_free(t);
	for (int i = 0; i < TEXT_CACHE; i++)
		cached_drop(t, &t->cache[i]);
	for (int i = 0; i < TEXT_FONTS; i++)
		if (t->fonts[i].font)
			TTF_CloseFont(t->fonts[i].font);
	free(t);
}

static uint32_t fnv1a(const char *s, int size, int flags, int wrap_w, SDL_Color c)
{
	uint32_t h = 2166136261u;
	int extra[4] = { size, flags, wrap_w, (c.r << 16) | (c.g << 8) | c.b };

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	for (int i = 0; i < 4; i++)
		h = (h ^ (uint32_t)extra[i]) * 16777619u;
	return h;
}

static bool cached_is(const struct cached *c, uint32_t h, const char *s, int size, int flags,
		      int wrap_w, SDL_Color col)
{
	return c->s && c->hash == h && c->size == size && c->flags == flags &&
	       c->wrap_w == wrap_w && c->color.r == col.r && c->color.g == col.g &&
	       c->color.b == col.b && strcmp(c->s, s) == 0;
}

static SDL_Surface *render(struct text *t, const char *s, int size, int flags, SDL_Color col,
			   int wrap_w)
{
	TTF_Font *f = font_get(t, size, (flags & TEXT_BOLD) ? 1 : 0);

	if (!f)
		return NULL;
	if (wrap_w <= 0)
		return TTF_RenderUTF8_Blended(f, s, col);
	TTF_SetFontWrappedAlign(f, (flags & TEXT_CENTER) ? TTF_WRAPPED_ALIGN_CENTER :
				(flags & TEXT_RIGHT) ? TTF_WRAPPED_ALIGN_RIGHT : TTF_WRAPPED_ALIGN_LEFT);
	return TTF_RenderUTF8_Blended_Wrapped(f, s, col, (Uint32)wrap_w);
}

static struct cached *find(struct text *t, uint32_t h, const char *s, int size, int flags,
			   int wrap_w, SDL_Color col, struct cached **victim)
{
	*victim = &t->cache[0];
	for (int i = 0; i < TEXT_CACHE; i++) {
		struct cached *c = &t->cache[i];
		if (cached_is(c, h, s, size, flags, wrap_w, col))
			return c;
		if (c->used < (*victim)->used)
			*victim = c;
	}
	return NULL;
}

/* Evict least recently used entries until `need` more bytes fit the budget. */
static void make_room(struct text *t, size_t need)
{
	while (t->bytes + need > TEXT_CACHE_BYTES && t->bytes > 0) {
		struct cached *lru = NULL;
		for (int i = 0; i < TEXT_CACHE; i++)
			if (t->cache[i].tex && (!lru || t->cache[i].used < lru->used))
				lru = &t->cache[i];
		if (!lru)
			return;
		cached_drop(t, lru);
	}
}

static struct cached *lookup(struct text *t, const char *s, int size, int flags, int wrap_w,
			     SDL_Color col)
{
	uint32_t h = fnv1a(s, size, flags, wrap_w, col);
	struct cached *victim, *c = find(t, h, s, size, flags, wrap_w, col, &victim);
	SDL_Surface *surf;

	if (c) {
		c->used = ++t->tick;
		return c;
	}
	surf = render(t, s, size, flags, col, wrap_w);
	if (!surf)
		return NULL;
	cached_drop(t, victim);
	make_room(t, (size_t)surf->w * (size_t)surf->h * 4);
	victim->tex = SDL_CreateTextureFromSurface(t->ren, surf);
	victim->w = surf->w;
	victim->h = surf->h;
	SDL_FreeSurface(surf);
	if (victim->tex)
		t->bytes += cached_bytes(victim);
	victim->s = strdup(s);
	if (!victim->tex || !victim->s) {
		cached_drop(t, victim);
		return NULL;
	}
	victim->hash = h;
	victim->size = size;
	victim->flags = flags;
	victim->wrap_w = wrap_w;
	victim->color = col;
	victim->used = ++t->tick;
	return victim;
}

int text_size(struct text *t, const char *s, int size, int flags, int wrap_w, int *w, int *h)
{
	SDL_Color black = { 0, 0, 0, 255 };
	struct cached *c;

	if (!s[0] || strlen(s) > TEXT_MAX_BYTES) {
		*w = *h = 0;
		return s[0] ? ERR_RANGE : 0;
	}
	c = lookup(t, s, size, flags & (TEXT_BOLD | TEXT_CENTER | TEXT_RIGHT), wrap_w, black);
	if (!c)
		return ERR_FONT;
	*w = c->w;
	*h = c->h;
	return 0;
}

void text_record_start(struct text *t)
{
	records_free(t);
	t->recording = true;
	t->owner[0] = '\0';
}

void text_owner(struct text *t, const char *id)
{
	snprintf(t->owner, sizeof(t->owner), "%s", id ? id : "");
}

static void record(struct text *t, char kind, const char *s, SDL_Rect drawn, SDL_Rect box,
		   int size, int size_drawn, int flags)
{
	struct text_record *r;

	if (!t->recording || t->nrecs >= TEXT_RECORDS_MAX)
		return;
	if (!t->recs && !(t->recs = calloc(TEXT_RECORDS_MAX, sizeof(*t->recs))))
		return;
	r = &t->recs[t->nrecs];
	*r = (struct text_record){ .kind = kind, .drawn = drawn, .box = box, .size = size,
			      .size_drawn = size_drawn, .flags = flags, .s = strdup(s) };
	snprintf(r->owner, sizeof(r->owner), "%s", t->owner);
	if (r->s)
		t->nrecs++;
}

void text_record_image(struct text *t, const char *what, SDL_Rect r)
{
	record(t, 'i', what, r, r, 0, 0, 0);
}

/* The text on one line: backslash, tab and newline escaped. */
static void put_escaped(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '\t' || *s == '\n')
			fprintf(fp, "\\%c", *s == '\t' ? 't' : *s == '\n' ? 'n' : '\\');
		else
			fputc(*s, fp);
	}
}

int text_records(const struct text *t, const struct text_record **out)
{
	*out = t->recs;
	return t->nrecs;
}

int text_record_write(struct text *t, FILE *fp)
{
	for (int i = 0; fp && i < t->nrecs; i++) {
		const struct text_record *r = &t->recs[i];
		fprintf(fp, "%s\t%d\t%d\t%d\t%d\t", r->kind == 't' ? "text" : "image", r->drawn.x,
			r->drawn.y, r->drawn.w, r->drawn.h);
		if (r->kind == 't')
			fprintf(fp, "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t", r->box.x, r->box.y,
				r->box.w, r->box.h, r->size, r->size_drawn, r->flags,
				r->owner[0] ? r->owner : "-");
		put_escaped(fp, r->s);
		fputc('\n', fp);
	}
	records_free(t);
	t->recording = false;
	return fp && ferror(fp) ? ERR_IO : 0;
}

static bool too_big(const struct cached *c, SDL_Rect box, int flags)
{
	return c->h > box.h || ((flags & TEXT_NOWRAP) && c->w > box.w);
}

static struct cached *fit(struct text *t, const char *s, int *size_io, int flags, SDL_Color col,
			  SDL_Rect box)
{
	int size = *size_io;
	int keep = flags & (TEXT_BOLD | TEXT_CENTER | TEXT_RIGHT);
	int wrap = (flags & TEXT_NOWRAP) ? 0 : box.w;
	int min = size * 6 / 10 > t->floor ? size * 6 / 10 : t->floor;
	struct cached *c = lookup(t, s, size, keep, wrap, col);

	while ((flags & TEXT_FIT) && c && too_big(c, box, flags) && size > min) {
		size = size * 9 / 10 < min ? min : size * 9 / 10;
		c = lookup(t, s, size, keep, wrap, col);
	}
	*size_io = size;
	return c;
}

int text_draw(struct text *t, const char *s, int size, int flags, SDL_Color col, SDL_Rect box)
{
	struct cached *c;
	SDL_Rect dst;
	int drawn_size = size;

	if (!s[0])
		return 0;
	if (strlen(s) > TEXT_MAX_BYTES)
		return ERR_RANGE;
	c = fit(t, s, &drawn_size, flags, col, box);
	if (!c)
		return ERR_FONT;
	dst.w = c->w;
	dst.h = c->h;
	dst.x = box.x;
	if (flags & TEXT_CENTER)
		dst.x = box.x + (box.w - c->w) / 2;
	else if (flags & TEXT_RIGHT)
		dst.x = box.x + box.w - c->w;
	dst.y = (flags & TEXT_VCENTER) ? box.y + (box.h - c->h) / 2 : box.y;
	if (t->sum) {
		int what[8] = { dst.x, dst.y, dst.w, dst.h, box.w, drawn_size, flags,
				framesum_rgba(col) };

		*t->sum = framesum_add(framesum_ints(*t->sum, what, sizeof(what) / sizeof(what[0])), s,
				       strlen(s));
		return c->h;
	}
	SDL_RenderCopy(t->ren, c->tex, NULL, &dst);
	record(t, 't', s, dst, box, size, drawn_size, flags);
	return c->h;
}
