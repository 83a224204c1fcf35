/* ticket_bytes: the ESC/POS bytes of a fixed, realistic Vietnamese ticket, for the golden
 * byte-stream tests (tests/it/escpos.sh). Also writes the raster as OUT.png (OUT without a
 * trailing .bin, plus .png) so that a decoder's picture can be compared with it.
 * usage: ticket_bytes OUT.bin WIDTH TICKET_ID [PRIORITY] */
#include "drivers/escpos.h"
#include "ticket_sample.h"
#include "ui/ticket.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAND_HEIGHT 24 /* the shipped config/kiosk.ini value */

static int write_file(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f)
		return 1;
	if (fwrite(data, 1, len, f) != len)
		rc = 1;
	if (fclose(f))
		rc = 1;
	return rc;
}

/* OUT.bin -> OUT.png; any other name gets .png appended. */
static char *png_path(const char *bin)
{
	size_t n = strlen(bin);
	char *p = malloc(n + 5);

	if (!p)
		return NULL;
	memcpy(p, bin, n + 1);
	if (n > 4 && strcmp(bin + n - 4, ".bin") == 0)
		p[n - 4] = '\0';
	strcat(p, ".png");
	return p;
}

int main(int argc, char **argv)
{
	struct ticket_renderer *tr = NULL;
	struct raster *r = NULL;
	struct escpos_buf b;
	char *png = NULL;
	int width, rc = 1;
	struct ticket_view v = TICKET_SAMPLE;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: ticket_bytes OUT.bin WIDTH TICKET_ID [PRIORITY]\n");
		return 2;
	}
	width = atoi(argv[2]);
	if (width != 576 && width != 384) {
		fprintf(stderr, "ticket_bytes: WIDTH must be 576 or 384\n");
		return 2;
	}
	v.ticket_id = argv[3];
	v.priority = argc > 4 ? argv[4] : NULL;
	escpos_buf_init(&b);
	if (SDL_Init(0) || TTF_Init()) {
		fprintf(stderr, "ticket_bytes: SDL/TTF init failed\n");
		return 1;
	}
	if (ticket_renderer_new("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
				"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", &tr)) {
		fprintf(stderr, "ticket_bytes: cannot open the Noto fonts\n");
		goto out;
	}
	if (ticket_render(tr, &v, width, &r)) {
		fprintf(stderr, "ticket_bytes: render failed\n");
		goto out;
	}
	if (escpos_ticket(&b, r, BAND_HEIGHT)) {
		fprintf(stderr, "ticket_bytes: encode failed\n");
		goto out;
	}
	png = png_path(argv[1]);
	if (!png || write_file(argv[1], b.data, b.len) || raster_write_png(r, png)) {
		fprintf(stderr, "ticket_bytes: cannot write %s or its PNG\n", argv[1]);
		goto out;
	}
	printf("%s %zu bytes, raster %dx%d, %s\n", argv[1], b.len, r->width, r->height, png);
	rc = 0;
out:
	free(png);
	escpos_buf_free(&b);
	raster_free(r);
	if (tr)
		ticket_renderer_free(tr);
	TTF_Quit();
	SDL_Quit();
	return rc;
}
