/* Sync: remote commands from the heartbeat reply (each given out once, acknowledged by id at
 * the next heartbeat, kept across a restart, repeated replies and unknown kinds) and the
 * catalogue from the central system (validated before it is stored or offered, ETag kept,
 * offered again at start). No network: replies are judged as they would arrive. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/http.h"
#include "../../firmware/store.h"
#include "../../firmware/sync.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#define NOW 1795366800

static struct sync *open_sync(char *path, size_t len)
{
	struct sync_config cfg = {
		.url = "https://127.0.0.1:1", .ca = "/nonexistent/ca.pem",
		.cert = "/nonexistent/k.pem", .key = "/nonexistent/k.key", .kiosk_id = "KIOSK-01",
		.version = "test", .batch = 10, .heartbeat_s = 60, .queue_s = 10,
	};
	struct sync *s = NULL;

	snprintf(path, len, "%s/kiosk.db", t_tmpdir());
	return sync_open(&cfg, path, &s) == 0 ? s : NULL;
}

static struct http_reply reply_of(long status, const char *body)
{
	struct http_reply r = { .status = status, .body = body, .len = strlen(body),
				.retry_after_s = -1 };
	return r;
}

/* A heartbeat exchange: builds the body (into *acks_out as JSON text of the acks array, when
 * given), then applies the reply. */
static int beat(struct sync *s, long status, const char *reply_body, char *acks_out, size_t len)
{
	struct http_reply r = reply_of(status, reply_body);
	char *body = NULL, reason[128];
	json_t *doc;
	int rc = sync_heartbeat_body(s, &body);

	if (rc)
		return rc;
	doc = json_loads(body, 0, NULL);
	if (acks_out) {
		char *a = json_dumps(json_object_get(doc, "acks"), JSON_COMPACT | JSON_ENCODE_ANY);

		snprintf(acks_out, len, "%s", a ? a : "?");
		free(a);
	}
	json_decref(doc);
	free(body);
	return sync_apply_heartbeat_reply(s, &r, NOW, reason, sizeof(reason));
}

static const char commands[] =
	"{\"time\":1795366805,\"commands\":["
	"{\"id\":\"c1\",\"kind\":\"lock\",\"message\":\"Tạm dừng phục vụ\\u0007 đến 13:30\"},"
	"{\"id\":\"c2\",\"kind\":\"reprint_last\"},"
	"{\"id\":\"c3\",\"kind\":\"self_destruct\"},"
	"{\"kind\":\"unlock\"},"
	"{\"id\":\"bad id\",\"kind\":\"unlock\"},"
	"7,"
	"{\"id\":\"c4\",\"kind\":\"unlock\",\"message\":\"ignored\"},"
	"{\"id\":\"c5\",\"kind\":\"reload_config\"}]}";

T_TEST(sync_commands_given_out_once_and_acknowledged)
{
	struct sync_command c;
	struct sync_health h;
	char path[300], acks[256];
	struct sync *s = open_sync(path, sizeof(path));

	T_CHECK(s != NULL);
	T_EQ(sync_take_command(s, &c), 0);
	T_OK(beat(s, 200, commands, acks, sizeof(acks)));
	T_STREQ(acks, "[]");
	sync_status(s, &h);
	T_EQ(h.server_time_s, 1795366805);
	T_EQ(sync_take_command(s, &c), 1);
	T_STREQ(c.id, "c1");
	T_EQ(c.kind, SYNC_CMD_LOCK);
	T_STREQ(c.message, "Tạm dừng phục vụ  đến 13:30");   /* control character as a space */
	T_EQ(c.received_s, NOW);
	T_EQ(sync_take_command(s, &c), 1);
	T_STREQ(c.id, "c2");
	T_EQ(c.kind, SYNC_CMD_REPRINT_LAST);
	/* the same reply again (a retry): nothing is given out twice */
	T_OK(beat(s, 200, commands, acks, sizeof(acks)));
	/* c3 (unknown kind) is acknowledged without being given out; c1 and c2 were taken */
	T_STREQ(acks, "[\"c1\",\"c2\",\"c3\"]");
	T_EQ(sync_take_command(s, &c), 1);
	T_STREQ(c.id, "c4");
	T_EQ(c.kind, SYNC_CMD_UNLOCK);
	T_STREQ(c.message, "");
	T_EQ(sync_take_command(s, &c), 1);
	T_STREQ(c.id, "c5");
	T_EQ(c.kind, SYNC_CMD_RELOAD_CONFIG);
	T_EQ(sync_take_command(s, &c), 0);
	/* that 200 acknowledged c1..c3, but its reply listed them again: the central system did
	 * not hear the acknowledgements, so they go again, with c4 and c5 */
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[]}", acks, sizeof(acks)));
	T_STREQ(acks, "[\"c1\",\"c2\",\"c3\",\"c4\",\"c5\"]");
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[]}", acks, sizeof(acks)));
	T_STREQ(acks, "[]");
	/* the central system repeats an acknowledged command: acknowledged again, never rerun */
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[{\"id\":\"c2\",\"kind\":\"reprint_last\"}]}",
		  acks, sizeof(acks)));
	T_EQ(sync_take_command(s, &c), 0);
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[]}", acks, sizeof(acks)));
	T_STREQ(acks, "[\"c2\"]");
	T_EQ(sync_take_command(NULL, &c), 0);
	sync_stop(s);
}

T_TEST(sync_commands_failed_heartbeat_keeps_acks)
{
	struct sync_command c;
	char path[300], acks[256];
	struct sync *s = open_sync(path, sizeof(path));

	T_CHECK(s != NULL);
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[{\"id\":\"x1\",\"kind\":\"unlock\"}]}",
		  NULL, 0));
	T_EQ(sync_take_command(s, &c), 1);
	T_EQ(beat(s, 503, "{\"error\":\"busy\"}", acks, sizeof(acks)), ERR_BUSY);
	T_STREQ(acks, "[\"x1\"]");
	T_EQ(beat(s, 200, "{\"time\":\"x\",\"commands\":[]}", acks, sizeof(acks)), ERR_INVAL);
	T_EQ(beat(s, 200, "{\"time\":1}", acks, sizeof(acks)), ERR_INVAL);
	T_EQ(beat(s, 200, "{\"time\":1,\"commands\":{}}", acks, sizeof(acks)), ERR_INVAL);
	T_EQ(beat(s, 200, "not json", acks, sizeof(acks)), ERR_INVAL);
	/* a malformed reply records nothing either */
	T_EQ(beat(s, 200, "{\"time\":1,\"commands\":{\"id\":\"x2\",\"kind\":\"lock\"}}", acks,
		  sizeof(acks)), ERR_INVAL);
	T_STREQ(acks, "[\"x1\"]");
	T_EQ(sync_take_command(s, &c), 0);
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[]}", acks, sizeof(acks)));
	T_STREQ(acks, "[\"x1\"]");
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[]}", acks, sizeof(acks)));
	T_STREQ(acks, "[]");
	sync_stop(s);
}

T_TEST(sync_commands_survive_a_restart)
{
	struct sync_command c;
	char path[300], acks[256];
	struct sync *s = open_sync(path, sizeof(path));

	T_CHECK(s != NULL);
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[{\"id\":\"r1\",\"kind\":\"lock\","
		  "\"message\":\"Bảo trì\"},{\"id\":\"r2\",\"kind\":\"unlock\"}]}", NULL, 0));
	T_EQ(sync_take_command(s, &c), 1);
	T_STREQ(c.id, "r1");
	/* the take reaches the store with the next heartbeat body; then the kiosk dies */
	T_EQ(beat(s, 503, "{}", acks, sizeof(acks)), ERR_BUSY);
	sync_stop(s);
	s = open_sync(path, sizeof(path));
	T_CHECK(s != NULL);
	/* r2 was never taken: offered again; r1 was: acknowledged, not offered */
	T_OK(beat(s, 200, "{\"time\":1,\"commands\":[{\"id\":\"r1\",\"kind\":\"lock\"},"
		  "{\"id\":\"r2\",\"kind\":\"unlock\"}]}", acks, sizeof(acks)));
	T_STREQ(acks, "[\"r1\"]");
	T_EQ(sync_take_command(s, &c), 1);
	T_STREQ(c.id, "r2");
	T_EQ(sync_take_command(s, &c), 0);
	sync_stop(s);
}

static const char good_catalog[] =
	"[field.ho_tich]\\nname_vi = Hộ tịch\\n\\n[service.A]\\nfield = ho_tich\\n"
	"name_vi = Đăng ký khai sinh\\nmon = 07:30-11:30\\n";

T_TEST(sync_catalog_validated_stored_and_offered)
{
	char path[300], body[1024], reason[160], etag[128], *text = NULL;
	struct http_reply r;
	struct sync *s = open_sync(path, sizeof(path));

	T_CHECK(s != NULL);
	T_EQ(sync_take_catalog(s, &text), 0);
	snprintf(body, sizeof(body), "{\"format\":\"ini\",\"catalog\":\"%s\"}", good_catalog);
	r = reply_of(200, body);
	snprintf(r.etag, sizeof(r.etag), "\"e1\"");
	T_OK(sync_apply_catalog_reply(s, &r, NOW, reason, sizeof(reason)));
	sync_catalog_etag(s, etag, sizeof(etag));
	T_STREQ(etag, "\"e1\"");
	T_EQ(sync_take_catalog(s, &text), 1);
	T_CHECK(strstr(text, "[service.A]") != NULL);
	free(text);
	T_EQ(sync_take_catalog(s, &text), 0);
	/* unchanged */
	r = reply_of(304, "");
	T_OK(sync_apply_catalog_reply(s, &r, NOW, reason, sizeof(reason)));
	T_EQ(sync_take_catalog(s, &text), 0);
	/* a catalogue the kiosk refuses: said with its line, nothing replaced or offered */
	r = reply_of(200, "{\"format\":\"ini\",\"catalog\":\"[field.x]\\nname_vi = X\\n"
		     "[service.A]\\nfield = nowhere\\nname_vi = A\\n\"}");
	snprintf(r.etag, sizeof(r.etag), "\"e2\"");
	T_EQ(sync_apply_catalog_reply(s, &r, NOW, reason, sizeof(reason)), ERR_INVAL);
	T_CHECK(strstr(reason, "catalogue refused: central catalogue:") != NULL);
	sync_catalog_etag(s, etag, sizeof(etag));
	T_STREQ(etag, "\"e1\"");
	T_EQ(sync_take_catalog(s, &text), 0);
	r = reply_of(200, "{\"format\":\"json\",\"catalog\":\"x\"}");
	T_EQ(sync_apply_catalog_reply(s, &r, NOW, reason, sizeof(reason)), ERR_INVAL);
	r = reply_of(200, "{\"format\":\"ini\",\"catalog\":7}");
	T_EQ(sync_apply_catalog_reply(s, &r, NOW, reason, sizeof(reason)), ERR_INVAL);
	r = reply_of(404, "{\"error\":\"no catalogue\"}");
	T_EQ(sync_apply_catalog_reply(s, &r, NOW, reason, sizeof(reason)), ERR_IO);
	sync_stop(s);
	/* at start the stored catalogue is offered, and asked for with its ETag */
	s = open_sync(path, sizeof(path));
	T_CHECK(s != NULL);
	T_OK(sync_heartbeat_body(s, &text));   /* opens the store, as the first pass does */
	free(text);
	text = NULL;
	sync_catalog_etag(s, etag, sizeof(etag));
	T_STREQ(etag, "\"e1\"");
	T_EQ(sync_take_catalog(s, &text), 1);
	T_CHECK(strstr(text, "Đăng ký khai sinh") != NULL);
	free(text);
	T_EQ(sync_take_catalog(NULL, &text), 0);
	sync_stop(s);
}
