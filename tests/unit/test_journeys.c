/* journeys: the citizen journeys without a screen, on a whole kiosk as main opens it
 * (kiosk_open: a real database, the real printer worker, the real lookup and numbers workers)
 * with a printer driver of the test's own, whose state and sends the test decides, and a
 * renderer that draws a blank ticket. Every path that a scripted SDL run covered alone: a
 * print failing midway, the printer unplugged, central numbering late, a remote command
 * arriving mid-journey, the idle timeout mid-journey, a scan arriving during printing; and
 * the print jobs' kinds routed to their journeys. */
#include "../t.h"
#include "../../drivers/printer.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"
#include "../../firmware/http.h"
#include "../../firmware/journey/journeys.h"
#include "../../firmware/journey/kiosk.h"
#include "../../firmware/queue.h"
#include "../../firmware/store.h"
#include "../../firmware/store_rating.h"
#include "../../firmware/store_sync.h"
#include "../../firmware/sync.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define CODE "000.00.01.H29-261120-0008"

/* ---- the test's printer: its state, what a send returns, and a gate that holds a send ---- */

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	enum printer_state state;
	int send_rc;
	bool hold;         /* a send waits until released */
	bool held;         /* a send is waiting at the gate */
	int sends;
} fake = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PRINTER_READY, 0, false,
	   false, 0 };

static int fake_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		     const struct raster *r)
{
	int rc;

	(void)state, (void)job, (void)bytes, (void)len, (void)r;
	pthread_mutex_lock(&fake.mu);
	fake.sends++;
	while (fake.hold) {
		fake.held = true;
		pthread_cond_broadcast(&fake.cv);
		pthread_cond_wait(&fake.cv, &fake.mu);
	}
	fake.held = false;
	rc = fake.send_rc;
	pthread_mutex_unlock(&fake.mu);
	return rc;
}

static int fake_status(void *state, struct printer_status *out)
{
	(void)state;
	pthread_mutex_lock(&fake.mu);
	out->state = fake.state;
	out->cover_open = false;
	pthread_mutex_unlock(&fake.mu);
	return 0;
}

static const struct printer_ops fake_ops = { .name = "test", .send = fake_send,
					     .status = fake_status };

static void fake_set(enum printer_state state, int send_rc, bool hold)
{
	pthread_mutex_lock(&fake.mu);
	fake.state = state;
	fake.send_rc = send_rc;
	fake.hold = hold;
	fake.sends = 0;
	pthread_cond_broadcast(&fake.cv);
	pthread_mutex_unlock(&fake.mu);
}

static int fake_sends(void)
{
	int n;

	pthread_mutex_lock(&fake.mu);
	n = fake.sends;
	pthread_mutex_unlock(&fake.mu);
	return n;
}

/* Waits (real time, at most 5 s) for a send to reach the gate. */
static bool fake_wait_held(void)
{
	struct timespec until = clock_mono_deadline(5000);
	bool held;

	pthread_mutex_lock(&fake.mu);
	while (!fake.held && clock_mono_ns() < (int64_t)until.tv_sec * 1000000000 + until.tv_nsec) {
		pthread_mutex_unlock(&fake.mu);
		usleep(1000);
		pthread_mutex_lock(&fake.mu);
	}
	held = fake.held;
	pthread_mutex_unlock(&fake.mu);
	return held;
}

/* What the last ticket said, as the journeys handed it to the renderer. */
struct seen {
	int renders;
	char heading[64], field[96], when[96], when_label[64], caption[96];
};

static void keep(char *dst, size_t len, const char *s)
{
	snprintf(dst, len, "%s", s ? s : "(none)");
}

/* The renderer the screen would give: a blank ticket the printer's width. */
static int blank_ticket(void *user, const struct ticket_view *v, int width_dots,
			struct raster **out)
{
	struct seen *s = user;

	s->renders++;
	keep(s->heading, sizeof(s->heading), v->heading);
	keep(s->field, sizeof(s->field), v->field);
	keep(s->when, sizeof(s->when), v->issued_at);
	keep(s->when_label, sizeof(s->when_label), v->issued_label);
	keep(s->caption, sizeof(s->caption), v->qr_caption);
	*out = raster_new(width_dots, 48);
	return *out ? 0 : ERR_NOMEM;
}

/* ---- the kiosk ---- */

struct fx {
	struct kiosk *k;
	struct journeys *j;
	struct seen seen;
	int listener;       /* a silent central system, -1 none */
};

/* Monday 23 November 2026, local time: services A and B are open. */
static int64_t mon(int h, int m)
{
	return clock_from_local(2026, 11, 23, h, m, 0);
}

/* A TCP port on loopback that takes connections (the kernel's backlog) and never answers:
 * a central system that is there but too slow. */
static int silent_listener(int *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 4) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

/* A self-signed certificate and key (openssl, a dependency of the build), used as CA,
 * certificate and key of the link, so that the link's checks pass and the workers connect. */
static int tls_files(char *pem, char *key, size_t len)
{
	char cmd[1024];

	snprintf(pem, len, "%s/k.pem", t_tmpdir());
	snprintf(key, len, "%s/k.key", t_tmpdir());
	snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256"
		 " -nodes -keyout %s -out %s -days 2 -subj /CN=KIOSK-01 2>/dev/null", key, pem);
	if (system(cmd) != 0)
		return ERR_IO;
	return chmod(key, 0600) == 0 ? 0 : ERR_IO;
}

/* A kiosk on the test catalogue with the test's printer; central: a [sync] link to a silent
 * central system, with central numbering (the sync worker is not started: commands are
 * handed to it by the test). extra: more lines at the end of [kiosk]. */
static int fx_open(struct fx *f, bool central, const char *extra)
{
	struct kiosk_opts o = { .upto = KIOSK_SERVE, .fixed_clock = true,
				.clock_ms = mon(9, 0) * 1000, .no_sync_worker = true,
				.printer_ops = &fake_ops };
	char path[512], pem[300], key[300];
	int port = 0, rc;
	FILE *fp;

	memset(f, 0, sizeof(*f));
	f->listener = -1;
	if (central && ((f->listener = silent_listener(&port)) < 0 ||
			(rc = tls_files(pem, key, sizeof(pem))) != 0))
		return ERR_IO;
	snprintf(path, sizeof(path), "%s/kiosk.ini", t_tmpdir());
	fp = fopen(path, "w");
	if (!fp)
		return ERR_IO;
	fprintf(fp, "[kiosk]\nvar_dir = %s/var\ncatalog = tests/data/catalog-test.ini\n%s\n",
		t_tmpdir(), extra ? extra : "");
	if (central)
		fprintf(fp, "[sync]\nurl = https://127.0.0.1:%d\nca = %s\ncert = %s\nkey = %s\n"
			"numbering = central\nnumbering_deadline_ms = 200\nreserved_from = 900\n"
			"reserved_to = 999\n", port, pem, pem, key);
	fclose(fp);
	o.config = path;
	rc = kiosk_open(&o, &f->k);
	if (rc)
		return rc;
	f->j = f->k->journeys;
	journeys_set_renderer(f->j, blank_ticket, &f->seen);
	return 0;
}

static void fx_close(struct fx *f)
{
	kiosk_close(f->k);
	if (f->listener >= 0)
		close(f->listener);
	fake_set(PRINTER_READY, 0, false);
}

/* Takes in what the workers posted until the ticket is no longer printing (5 s at most). */
static bool printed(struct fx *f)
{
	for (int i = 0; i < 5000; i++) {
		journeys_drain(f->j);
		if (take_phase(journeys_take(f->j)) != TAKE_PRINTING &&
		    !prints_worker_busy(journeys_prints(f->j)) && !journeys_print_posted(f->j))
			return true;
		usleep(1000);
	}
	return false;
}

/* Takes in the workers' results until one number, scan or answer came (5 s at most). */
static bool one_result(struct fx *f)
{
	int what = 0;

	for (int i = 0; i < 5000; i++) {
		journeys_drain_prints(f->j);
		if (journeys_drain_one(f->j, &what))
			return true;
		usleep(1000);
	}
	return false;
}

/* The shows asked for since the last call, as letters: T ticket, N notice, S scan,
 * U status, L locked, H home, R the rating's notice, F faces, A reasons, . anything else. */
static void shows(struct fx *f, char *out, size_t len)
{
	enum journey_show s;
	size_t n = 0;

	while (journeys_next_show(f->j, &s) && n + 1 < len)
		out[n++] = s == SHOW_TICKET ? 'T' : s == SHOW_NOTICE ? 'N' : s == SHOW_SCAN ? 'S' :
			   s == SHOW_STATUS ? 'U' : s == SHOW_LOCKED ? 'L' : s == SHOW_HOME ? 'H' :
			   s == SHOW_RATE_NOTICE ? 'R' : s == SHOW_RATE ? 'F' :
			   s == SHOW_REASONS ? 'A' : '.';
	out[n] = '\0';
}

static int ticket_status(struct fx *f, int64_t id)
{
	struct store_ticket t;

	return store_ticket_get(f->k->store, id, &t) == 0 ? t.status : -1;
}

static int outbox_count(struct fx *f, const char *kind, const char *needle)
{
	struct store_outbox_row rows[64];
	int n = 0, found = 0;

	if (store_outbox_pending(f->k->store, 64, rows, &n) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].kind, kind) == 0 && (!needle || strstr(rows[i].body, needle)))
			found++;
	return found;
}

static struct scan_result scan_of(const char *text)
{
	struct scan_result r;

	memset(&r, 0, sizeof(r));
	snprintf(r.symbology, sizeof(r.symbology), "CODE-128");
	r.len = (size_t)snprintf(r.data, sizeof(r.data), "%s", text);
	return r;
}

/* ---- take a number ---- */

T_TEST(journey_ticket_printed_once_per_request)
{
	static struct fx f;
	struct take *t;
	char s[16];
	int64_t id;

	T_OK(fx_open(&f, false, NULL));
	t = journeys_take(f.j);
	journeys_enter(f.j, JOURNEY_TAKE);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(journeys_busy(f.j));
	T_CHECK(printed(&f));
	T_EQ(take_phase(t), TAKE_PRINTED);
	T_STREQ(take_ticket(t)->number, "A-001");
	id = take_ticket(t)->id;
	T_EQ(ticket_status(&f, id), TICKET_PRINTED);
	T_EQ(take_printed(t), 1);
	T_EQ(fake_sends(), 1);
	/* the same intent again (a second tap that got through): the same ticket, not printed again */
	take_number(t, "A", 0, 0);
	T_CHECK(printed(&f));
	T_EQ(take_ticket(t)->id, id);
	T_EQ(take_phase(t), TAKE_PRINTED);
	T_EQ(fake_sends(), 1);
	shows(&f, s, sizeof(s));
	T_STREQ(s, "TT");
	T_CHECK(!journeys_busy(f.j));
	fx_close(&f);
}

/* The ticket says what it is: its heading, the service's field, the day as a weekday and
 * what the QR code is for; the test page says when it was printed, not "taken". */
T_TEST(journey_ticket_says_what_it_is)
{
	static struct fx f;
	struct take *t;

	T_OK(fx_open(&f, false, NULL));
	t = journeys_take(f.j);
	journeys_enter(f.j, JOURNEY_TAKE);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(printed(&f));
	T_EQ(f.seen.renders, 1);
	T_STREQ(f.seen.heading, "SỐ THỨ TỰ");
	T_STREQ(f.seen.field, "Hộ tịch");
	T_STREQ(f.seen.when_label, "Thời gian lấy số");
	T_CHECK(strstr(f.seen.when, "  Thứ Hai 23/11/2026") != NULL);
	T_STREQ(f.seen.caption, "Quét mã này để đánh giá cán bộ phục vụ");
	T_OK(prints_test_page(journeys_prints(f.j)));
	T_CHECK(printed(&f));
	T_EQ(f.seen.renders, 2);
	T_STREQ(f.seen.when_label, "Thời gian in thử");
	T_STREQ(f.seen.heading, "(none)");
	T_STREQ(f.seen.caption, "(none)");
	fx_close(&f);
}

/* The printer says it is ready, then the job fails on its way (a cable pulled, a jam): the
 * number is voided, never called, and a new intent gets the next number. */
T_TEST(journey_print_failing_midway_voids_the_number)
{
	static struct fx f;
	struct take *t;
	int counts[4];
	int64_t voided;

	T_OK(fx_open(&f, false, NULL));
	t = journeys_take(f.j);
	fake_set(PRINTER_READY, ERR_IO, false);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(printed(&f));
	T_EQ(fake_sends(), 1);
	T_EQ(take_phase(t), TAKE_VOIDED);
	T_EQ(take_print_rc(t), ERR_IO);
	voided = take_ticket(t)->id;
	T_EQ(ticket_status(&f, voided), TICKET_VOIDED);
	fake_set(PRINTER_READY, 0, false);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(printed(&f));
	T_EQ(take_phase(t), TAKE_PRINTED);
	T_STREQ(take_ticket(t)->number, "A-002");
	T_OK(store_ticket_counts(f.k->store, 20261123, counts));
	T_EQ(counts[TICKET_PRINTED], 1);
	T_EQ(counts[TICKET_VOIDED], 1);
	T_EQ(outbox_count(&f, "ticket.voided", "\"reason\":\"printer error\""), 1);
	fx_close(&f);
}

T_TEST(journey_print_failing_shows_the_number_where_the_unit_allows)
{
	static struct fx f;
	struct take *t;

	T_OK(fx_open(&f, false, "show_number_if_print_fails = true"));
	t = journeys_take(f.j);
	fake_set(PRINTER_PAPER_OUT, 0, false);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(printed(&f));
	T_EQ(take_phase(t), TAKE_SHOWN);
	T_EQ(ticket_status(&f, take_ticket(t)->id), TICKET_SHOWN);
	T_EQ(fake_sends(), 0);
	/* the unit shows numbers when it cannot print: the button stays */
	T_CHECK(take_can_issue(t));
	fx_close(&f);
}

/* The printer goes away between two citizens: the first job after it finds it offline, sends
 * nothing, voids its number, and from then on the button says why. */
T_TEST(journey_printer_unplugged)
{
	static struct fx f;
	struct take *t;
	struct prints *p;

	T_OK(fx_open(&f, false, NULL));
	t = journeys_take(f.j);
	p = journeys_prints(f.j);
	T_CHECK(take_can_issue(t));
	fake_set(PRINTER_OFFLINE, 0, false);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(printed(&f));
	T_EQ(fake_sends(), 0);
	T_EQ(take_phase(t), TAKE_VOIDED);
	T_EQ(take_print_rc(t), ERR_PRINTER);
	T_EQ(prints_problem(p), PRINT_OFFLINE);
	T_CHECK(!take_can_issue(t));
	T_EQ(outbox_count(&f, "health.printer", "\"printer\":\"offline\""), 1);
	/* plugged back: the next poll sees it, and the button works again */
	fake_set(PRINTER_READY, 0, false);
	for (int i = 0; i < 500 && prints_problem(p) != PRINT_OK; i++) {
		usleep(10000);
		journeys_poll(f.j);
	}
	T_EQ(prints_problem(p), PRINT_OK);
	T_CHECK(take_can_issue(t));
	fx_close(&f);
}

/* ---- central numbering ---- */

/* The central system takes the question and never answers in time: by the deadline and its
 * margin the journey numbers the ticket from this kiosk's reserved range itself, and the
 * worker's answer, when it comes, changes nothing. */
T_TEST(journey_central_number_late)
{
	static struct fx f;
	struct scan_result code = scan_of(CODE);
	struct take *t;
	char s[16];
	int active = 0;

	T_OK(fx_open(&f, true, NULL));
	T_CHECK(f.k->numbers != NULL);
	t = journeys_take(f.j);
	journeys_enter(f.j, JOURNEY_TAKE);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_EQ(take_phase(t), TAKE_ASKING);
	T_CHECK(take_asking(t) && journeys_busy(f.j));
	/* a receipt scanned while the number is asked for is no question of the citizen's */
	journeys_scan(f.j, &code);
	T_CHECK(!enquiry_waiting(journeys_enquiry(f.j)));
	journeys_frame(f.j);
	T_EQ(take_phase(t), TAKE_ASKING);      /* the deadline is not over yet */
	clock_advance(&f.k->clock, 200 + 400 + 1);
	journeys_frame(f.j);
	T_CHECK(!take_asking(t));
	T_CHECK(printed(&f));
	T_EQ(take_phase(t), TAKE_PRINTED);
	T_EQ(take_ticket(t)->seq, 900);
	T_EQ(take_ticket(t)->numbering, STORE_NUM_FALLBACK);
	/* the worker's own answer (a fallback of its deadline) arrives late, and is dropped */
	T_CHECK(one_result(&f));
	T_EQ(take_ticket(t)->seq, 900);
	T_OK(store_count_active(f.k->store, "A", 20261123, &active));
	T_EQ(active, 1);
	shows(&f, s, sizeof(s));
	T_STREQ(s, "TT");                         /* asking, then printing: one ticket screen */
	fx_close(&f);
}

/* ---- the central system's orders ---- */

static int order(struct fx *f, const char *commands)
{
	char body[512], reason[128];
	struct http_reply r = { .status = 200, .retry_after_s = -1 };

	snprintf(body, sizeof(body), "{\"time\":%lld,\"commands\":[%s]}",
		 (long long)clock_now_s(&f->k->clock), commands);
	r.body = body;
	r.len = strlen(body);
	return sync_apply_heartbeat_reply(f->k->sync, &r, clock_now_s(&f->k->clock), reason,
					  sizeof(reason));
}

/* A lock ordered while a citizen chooses a service waits until the citizen is done. */
T_TEST(journey_remote_command_waits_for_the_citizen)
{
	static struct fx f;
	struct remote *r;
	char s[16];

	T_OK(fx_open(&f, true, NULL));
	T_CHECK(f.k->sync != NULL);
	r = journeys_remote(f.j);
	journeys_enter(f.j, JOURNEY_TAKE);
	T_OK(order(&f, "{\"id\":\"c1\",\"kind\":\"lock\",\"message\":\"Tạm dừng đến 13:30\"}"));
	journeys_poll_remote(f.j);
	T_CHECK(!remote_locked(r));
	shows(&f, s, sizeof(s));
	T_STREQ(s, "");
	journeys_enter(f.j, JOURNEY_NONE);
	journeys_poll_remote(f.j);
	T_CHECK(remote_locked(r));
	T_STREQ(remote_lock_message(r), "Tạm dừng đến 13:30");
	shows(&f, s, sizeof(s));
	T_STREQ(s, "L");
	T_EQ(outbox_count(&f, "kiosk.lock", "\"locked\":true"), 1);
	fx_close(&f);
}

/* A reprint ordered while a ticket prints waits for the ticket; then the copy is a job of its
 * own kind: its result reports the reprint and leaves the ticket's record as it was. */
T_TEST(journey_print_kinds_reach_their_journeys)
{
	static struct fx f;
	struct take *t;
	struct staff *st;
	struct printq_result stray = { .job = 9999, .rc = 0 };

	T_OK(fx_open(&f, true, "staff_pin = 2468"));
	t = journeys_take(f.j);
	st = journeys_staff(f.j);
	fake_set(PRINTER_READY, 0, true);
	journeys_enter(f.j, JOURNEY_TAKE);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	clock_advance(&f.k->clock, 601);
	journeys_frame(f.j);                      /* no central number: the reserved range */
	T_CHECK(fake_wait_held());
	T_OK(order(&f, "{\"id\":\"c2\",\"kind\":\"reprint_last\"}"));
	journeys_enter(f.j, JOURNEY_NONE);        /* the screen cannot go home while it prints */
	journeys_poll_remote(f.j);
	T_CHECK(!prints_printing(journeys_prints(f.j), PRINT_COPY));
	fake_set(PRINTER_READY, 0, false);
	T_CHECK(printed(&f));
	T_EQ(take_phase(t), TAKE_PRINTED);
	journeys_poll_remote(f.j);
	T_CHECK(prints_printing(journeys_prints(f.j), PRINT_COPY));
	T_CHECK(!take_can_issue(t));              /* one job at a time */
	T_CHECK(printed(&f));
	T_CHECK(!prints_staff_job(journeys_prints(f.j)));
	T_EQ(outbox_count(&f, "ticket.reprinted", "\"ok\":true"), 1);
	T_EQ(ticket_status(&f, take_ticket(t)->id), TICKET_PRINTED);
	T_EQ(take_printed(t), 1);
	/* the staff's test page: its result goes to the staff screen */
	staff_open(st);
	staff_test_print(st);
	T_STREQ(staff_test_result(st), "staff_test_printing");
	T_CHECK(printed(&f));
	T_STREQ(staff_test_result(st), "staff_test_done");
	T_EQ(take_printed(t), 1);
	/* a result no journey sent is dropped */
	journeys_post_print(f.j, &stray);
	journeys_drain(f.j);
	T_EQ(take_printed(t), 1);
	T_STREQ(staff_test_result(st), "staff_test_done");
	fx_close(&f);
}

/* ---- while a ticket prints, and when the citizen walks away ---- */

T_TEST(journey_scan_during_printing_is_ignored)
{
	static struct fx f;
	struct scan_result receipt = scan_of(CODE), ticket = scan_of("KIOSK-01-20261123-A001");
	struct take *t;
	char s[16];

	T_OK(fx_open(&f, false, NULL));
	t = journeys_take(f.j);
	fake_set(PRINTER_READY, 0, true);
	journeys_enter(f.j, JOURNEY_TAKE);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(fake_wait_held());
	T_CHECK(journeys_busy(f.j));              /* the idle timeout waits too (ui/app.c) */
	journeys_scan(f.j, &receipt);
	journeys_scan(f.j, &ticket);
	T_CHECK(!enquiry_waiting(journeys_enquiry(f.j)));
	T_CHECK(!rate_waiting(journeys_rate(f.j)));
	fake_set(PRINTER_READY, 0, false);
	T_CHECK(printed(&f));
	T_EQ(take_phase(t), TAKE_PRINTED);
	shows(&f, s, sizeof(s));
	T_STREQ(s, "T");
	/* once printed, the same receipt is looked up */
	journeys_scan(f.j, &receipt);
	T_CHECK(enquiry_waiting(journeys_enquiry(f.j)));
	shows(&f, s, sizeof(s));
	T_STREQ(s, "U");
	fx_close(&f);
}

/* The idle timeout brings the screen home in the middle of a rating and of a lookup: both
 * forget what the citizen gave them, nothing is kept, and the lookup's answer, when it
 * comes, shows nothing. */
T_TEST(journey_idle_timeout_mid_journey_forgets)
{
	static struct fx f;
	struct rate *r;
	struct enquiry *q;
	char s[16];
	int held = -1;

	T_OK(fx_open(&f, false, NULL));
	r = journeys_rate(f.j);
	q = journeys_enquiry(f.j);
	journeys_enter(f.j, JOURNEY_RATE);
	rate_begin(r);
	rate_by_counter(r);
	rate_choose_counter(r, "1");
	rate_officer(r, "t01");
	rate_choose_level(r, 1);
	rate_toggle_reason(r, RR_WAIT);
	rate_text(r, "chowf laau");
	T_STREQ(rate_officer_id(r), "t01");
	T_CHECK(rate_reasons(r) != 0 && rate_comment(r)->n > 0);
	journeys_enter(f.j, JOURNEY_NONE);
	T_STREQ(rate_officer_id(r), "");
	T_EQ(rate_reasons(r), 0);
	T_EQ(rate_comment(r)->n, 0);
	T_OK(store_rating_held(f.k->store, &held));
	T_EQ(held, 0);
	shows(&f, s, sizeof(s));
	journeys_enter(f.j, JOURNEY_ENQUIRY);
	enquiry_lookup(q, CODE, false);
	T_CHECK(enquiry_waiting(q));
	journeys_enter(f.j, JOURNEY_NONE);
	T_CHECK(!enquiry_waiting(q));
	T_STREQ(enquiry_code(q), "");
	T_CHECK(one_result(&f));                  /* the worker's answer: no central system */
	T_CHECK(enquiry_dossier(q) == NULL);
	shows(&f, s, sizeof(s));
	T_STREQ(s, "U");                          /* the status screen of the question only */
	fx_close(&f);
}

/* ---- procedures ---- */

#define PROCS "procedures = tests/data/procedures-test.ini"

/* Search, open, take a number for it in one tap: each step a procedure.usage count with the
 * code and nothing typed; the number is the service's that receives the procedure. */
T_TEST(journey_consult_search_open_take)
{
	static struct fx f;
	struct consult *c;
	const struct proc_hit *hits;
	char prefix[8];
	int64_t when;
	size_t n, total;

	T_OK(fx_open(&f, false, PROCS));
	c = journeys_consult(f.j);
	journeys_enter(f.j, JOURNEY_CONSULT);
	T_EQ(consult_search(c, "dang ky khai s", true), 1);
	hits = consult_results(c, &n, &total);
	T_EQ(n, 1);
	T_STREQ(hits[0].p->code, "1.001193");
	T_OK(consult_open(c, "1001193", CONSULT_SEARCH));
	T_STREQ(consult_current(c)->name[LANG_EN], "Birth registration");
	T_EQ(outbox_count(&f, "procedure.usage",
			  "{\"procedure\":\"1.001193\",\"action\":\"viewed\",\"via\":\"search\"}"), 1);
	T_EQ(outbox_count(&f, "procedure.usage", "khai"), 0);   /* nothing the citizen typed */
	T_EQ(consult_take_state(c, prefix, sizeof(prefix), &when), CONSULT_TAKE_OPEN);
	T_STREQ(prefix, "A");
	T_OK(consult_take_number(c, 0));
	T_CHECK(printed(&f));
	T_EQ(take_phase(journeys_take(f.j)), TAKE_PRINTED);
	T_STREQ(take_ticket(journeys_take(f.j))->number, "A-001");
	T_EQ(outbox_count(&f, "procedure.usage", "\"action\":\"number\""), 1);
	T_EQ(consult_open(c, "9.999999", CONSULT_BROWSE), ERR_NOTFOUND);
	journeys_enter(f.j, JOURNEY_NONE);
	T_CHECK(consult_current(c) == NULL);
	consult_results(c, &n, NULL);
	T_EQ(n, 0);
	fx_close(&f);
}

/* The search screen's query: keys composed the Telex way and searched after each one (the
 * last word a prefix), Backspace and Clear search again, a query past its length is refused
 * whole, and the citizen's query is gone when they leave. */
T_TEST(journey_consult_typed_query)
{
	static struct fx f;
	struct consult *c;
	const struct proc_hit *hits;
	size_t n, total;
	char big[CONSULT_QUERY_MAX + 2];

	T_OK(fx_open(&f, false, PROCS));
	c = journeys_consult(f.j);
	journeys_enter(f.j, JOURNEY_CONSULT);
	T_STREQ(consult_query(c), "");
	for (const char *k = "ddawng kys khai s"; *k; k++)
		T_OK(consult_key(c, (uint32_t)(unsigned char)*k));
	T_STREQ(consult_query(c), "đăng ký khai s");
	hits = consult_results(c, &n, &total);
	T_EQ(total, 1);
	T_STREQ(hits[0].p->code, "1.001193");
	consult_backspace(c);
	T_STREQ(consult_query(c), "đăng ký khai ");
	consult_results(c, &n, &total);
	T_CHECK(total >= 1);
	T_OK(consult_text(c, "sinh"));
	T_STREQ(consult_query(c), "đăng ký khai sinh");
	hits = consult_results(c, &n, &total);
	T_STREQ(hits[0].p->code, "1.001193");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	T_EQ(consult_text(c, big), ERR_RANGE);
	T_STREQ(consult_query(c), "đăng ký khai sinh");   /* refused whole */
	T_EQ(consult_text(c, "\xff"), ERR_INVAL);
	consult_clear(c);
	T_STREQ(consult_query(c), "");
	consult_results(c, &n, &total);
	T_EQ(total, 0);
	T_OK(consult_text(c, "ket hon"));
	journeys_enter(f.j, JOURNEY_NONE);
	T_STREQ(consult_query(c), "");
	consult_results(c, &n, NULL);
	T_EQ(n, 0);
	fx_close(&f);
}

/* In the midday break the number waits for the service's next opening; a procedure no
 * service of the unit receives has no number to take. */
T_TEST(journey_consult_take_later_or_none)
{
	static struct fx f;
	struct consult *c;
	char prefix[8], s[16];
	int64_t when;

	T_OK(fx_open(&f, false, PROCS));
	clock_set(&f.k->clock, mon(12, 0) * 1000);
	c = journeys_consult(f.j);
	journeys_enter(f.j, JOURNEY_CONSULT);
	T_OK(consult_open(c, "1.001193", CONSULT_BROWSE));
	T_EQ(consult_take_state(c, prefix, sizeof(prefix), &when), CONSULT_TAKE_LATER);
	T_STREQ(prefix, "A");
	T_EQ(when, mon(13, 30));
	shows(&f, s, sizeof(s));
	T_OK(consult_take_number(c, 0));
	shows(&f, s, sizeof(s));
	T_STREQ(s, "N");
	T_EQ(take_phase(journeys_take(f.j)), TAKE_REFUSED);
	T_OK(consult_open(c, "1.003554", CONSULT_BROWSE));
	T_EQ(consult_take_state(c, prefix, sizeof(prefix), &when), CONSULT_TAKE_NONE);
	T_EQ(consult_take_number(c, 0), ERR_NOTFOUND);
	T_EQ(outbox_count(&f, "procedure.usage", "\"via\":\"browse\""), 3);
	fx_close(&f);
}

static int blank_checklist(void *user, const struct checklist_view *v, int width_dots,
			   struct raster **out)
{
	(void)v;
	++*(int *)user;
	*out = raster_new(width_dots, 64);
	return *out ? 0 : ERR_NOMEM;
}

/* The checklist goes through the ticket's gate: refused while a ticket prints, and no number
 * is given while a checklist prints (one job at a time); refused out of paper; its print
 * counted once it is out, even when the citizen has left by then. */
T_TEST(journey_consult_checklist_gate)
{
	static struct fx f;
	struct consult *c;
	struct take *t;
	int slips = 0;

	T_OK(fx_open(&f, false, PROCS));
	journeys_set_checklist_renderer(f.j, blank_checklist, &slips);
	c = journeys_consult(f.j);
	t = journeys_take(f.j);
	journeys_enter(f.j, JOURNEY_CONSULT);
	T_EQ(consult_print(c), ERR_STATE);   /* nothing open */
	T_OK(consult_open(c, "1.001193", CONSULT_SEARCH));
	fake_set(PRINTER_READY, 0, true);
	take_new_request(t);
	take_number(t, "A", 0, 0);
	T_CHECK(fake_wait_held());
	T_EQ(consult_print(c), ERR_BUSY);   /* the ticket first */
	fake_set(PRINTER_READY, 0, false);
	T_CHECK(printed(&f));
	fake_set(PRINTER_READY, 0, true);
	T_OK(consult_print(c));
	T_CHECK(fake_wait_held());
	T_EQ(consult_printed(c), CONSULT_PRINT_PRINTING);
	T_CHECK(!take_can_issue(t));
	T_EQ(prints_problem(journeys_prints(f.j)), PRINT_CHECKLIST_JOB);
	journeys_enter(f.j, JOURNEY_NONE);   /* the citizen walks away with it */
	fake_set(PRINTER_READY, 0, false);
	for (int i = 0; i < 5000 && outbox_count(&f, "procedure.usage", "printed") == 0; i++) {
		journeys_drain(f.j);
		usleep(1000);
	}
	T_EQ(outbox_count(&f, "procedure.usage",
			  "{\"procedure\":\"1.001193\",\"action\":\"printed\",\"via\":\"search\"}"), 1);
	T_CHECK(take_can_issue(t));
	T_EQ(slips, 1);
	fx_close(&f);
}

/* The central system's procedures replace the unit's between citizens (never under a
 * citizen's search): the index follows, and what the old list held is no longer found. */
T_TEST(journey_consult_indexed_between_citizens_not_at_the_first_key)
{
	static struct fx f;
	struct consult *c;

	T_OK(fx_open(&f, false, PROCS));
	c = journeys_consult(f.j);
	T_CHECK(!consult_ready(c));
	journeys_enter(f.j, JOURNEY_CONSULT);
	journeys_poll_remote(f.j);                 /* a citizen is here: not now */
	T_CHECK(!consult_ready(c));
	journeys_enter(f.j, JOURNEY_NONE);
	journeys_poll_remote(f.j);
	T_CHECK(consult_ready(c));
	journeys_set_procs(f.j, consult_set(c));   /* a set replaced: indexed again */
	T_CHECK(!consult_ready(c));
	journeys_poll_remote(f.j);
	T_CHECK(consult_ready(c));
	fx_close(&f);
}

T_TEST(journey_consult_central_procedures_between_citizens)
{
	static struct fx f;
	static const char body[] =
		"{\"format\":\"ini\",\"procedures\":\"[field.xa_hoi]\\nname_vi = Bảo trợ xã hội\\n"
		"[procedure.1.001776]\\nname_vi = Trợ cấp xã hội hằng tháng\\nfield = xa_hoi\\n"
		"level = commune\\npaper = original, 1, Tờ khai\\nfee = none\\n"
		"time_vi = 20 ngày làm việc\\nresult_vi = Quyết định\\nways = counter\\n\"}";
	struct http_reply r = { .status = 200, .body = body, .len = sizeof(body) - 1,
				.etag = "\"v2\"", .retry_after_s = -1 };
	struct consult *c;
	char reason[128];

	T_OK(fx_open(&f, true, PROCS));
	c = journeys_consult(f.j);
	journeys_enter(f.j, JOURNEY_CONSULT);
	T_EQ(consult_search(c, "khai sinh", false), 1);
	T_OK(sync_apply_procedures_reply(f.k->sync, &r, clock_now_s(&f.k->clock), reason,
					 sizeof(reason)));
	journeys_poll_remote(f.j);   /* a citizen is searching: the list stays */
	T_EQ(consult_search(c, "khai sinh", false), 1);
	T_EQ(consult_search(c, "tro cap", false), 0);
	T_CHECK(consult_ready(c));                 /* still the index of the set in use */
	journeys_enter(f.j, JOURNEY_NONE);
	journeys_poll_remote(f.j);
	T_CHECK(consult_ready(c));                 /* the new set indexed before a search */
	journeys_enter(f.j, JOURNEY_CONSULT);
	T_EQ(consult_search(c, "tro cap", false), 1);
	T_EQ(consult_search(c, "khai sinh", false), 0);
	T_EQ(proc_count(consult_set(c)), 1);
	fx_close(&f);
}
