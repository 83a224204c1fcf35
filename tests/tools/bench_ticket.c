/* bench_ticket: time to render one ticket to its 1-bit raster, and to encode it as ESC/POS.
 * usage: bench_ticket [RUNS] */
#include "drivers/escpos.h"
#include "firmware/clock.h"
#include "ticket_sample.h"
#include "ui/ticket.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static double render[1000], encode[1000];
	int runs = argc > 1 ? atoi(argv[1]) : 200;
	struct ticket_renderer *tr;
	size_t bytes = 0;
	struct ticket_view v = TICKET_SAMPLE;

	v.priority = "Ưu tiên: Người cao tuổi"; /* the inverted bar too */
	if (runs < 1 || runs > 1000 || SDL_Init(0) || TTF_Init() ||
	    ticket_renderer_new("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
				"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", &tr))
		return 1;
	for (int i = 0; i < runs; i++) {
		struct raster *r;
		struct escpos_buf b;
		double t0 = ((double)clock_mono_ns() / 1e6);

		if (ticket_render(tr, &v, 576, &r))
			return 1;
		render[i] = ((double)clock_mono_ns() / 1e6) - t0;
		escpos_buf_init(&b);
		t0 = ((double)clock_mono_ns() / 1e6);
		escpos_ticket(&b, r, 24);
		encode[i] = ((double)clock_mono_ns() / 1e6) - t0;
		bytes = b.len;
		escpos_buf_free(&b);
		raster_free(r);
	}
	qsort(render, (size_t)runs, sizeof(double), cmp);
	qsort(encode, (size_t)runs, sizeof(double), cmp);
	printf("ticket_render_p50 %.2f ms\n", render[runs / 2]);
	printf("ticket_render_p99 %.2f ms\n", render[runs * 99 / 100]);
	printf("ticket_encode_p50 %.3f ms\n", encode[runs / 2]);
	printf("ticket_bytes %zu bytes\n", bytes);
	ticket_renderer_free(tr);
	TTF_Quit();
	SDL_Quit();
	return 0;
}
