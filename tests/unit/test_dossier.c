/* dossier: payloads from the scanner (codes, URLs that carry an ID number, our own tickets,
 * junk), masked names, the overdue rule across the local midnight, status keys, escaping. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/clock.h"
#include "../../firmware/dossier.h"
#include "../../firmware/i18n.h"
#include "../../firmware/queue.h"
#include "../../firmware/store.h"
#include "../../firmware/utf8.h"

#include <stdio.h>
#include <stdlib.h>

#define SGT "001234567890"

static struct dossier_payload parse(const char *s)
{
	struct dossier_payload p;

	dossier_parse_payload(s, strlen(s), &p);
	return p;
}

/* The kind, plus the value for codes and tickets ("" otherwise). */
#define T_PAYLOAD(s, k, v) do { struct dossier_payload t_p_ = parse(s); \
	T_STREQ(dossier_payload_kind_name(t_p_.kind), dossier_payload_kind_name(k)); \
	T_STREQ(t_p_.value, v); } while (0)

T_TEST(dossier_parse_domain_codes)
{
	struct dossier_payload p = parse("000.00.01.H29-240115-0001");

	T_EQ(p.kind, DP_DOSSIER);
	T_STREQ(p.value, "000.00.01.H29-240115-0001");
	T_CHECK(p.strict);
	p = parse("H15.50.05.13-261008-0975");
	T_EQ(p.kind, DP_DOSSIER);
	T_CHECK(p.strict);
	T_CHECK(parse("000.00.01.H29-240115-000001").strict);
	T_CHECK(parse("000.00.01.H29-240115-0000001").strict);
	/* loosely valid, looked up all the same, but not the usual shape */
	p = parse("000.00.01.H29-240115-00000001");
	T_EQ(p.kind, DP_DOSSIER);
	T_CHECK(!p.strict);
	T_CHECK(!parse("000.00.01.H29-24011-0001").strict);
	T_CHECK(!parse("-240115-0001").strict);
	T_CHECK(!parse("H29_X-240115-0001").strict);
	T_CHECK(!parse("H29-240115-0001-").strict);
}

T_TEST(dossier_parse_trims_and_upper_cases)
{
	T_PAYLOAD("  000.00.01.H29-240115-0001\r\n", DP_DOSSIER, "000.00.01.H29-240115-0001");
	T_PAYLOAD("000.00.01.H29-240115-0001\t", DP_DOSSIER, "000.00.01.H29-240115-0001");
	T_PAYLOAD("\xef\xbb\xbf" "000.00.01.H29-240115-0001\n", DP_DOSSIER,
		  "000.00.01.H29-240115-0001");
	T_PAYLOAD("000.00.01.h29-240115-0001", DP_DOSSIER, "000.00.01.H29-240115-0001");
	T_CHECK(parse("h15.50.05.13-261008-0975").strict);
}

T_TEST(dossier_parse_normalises_unicode)
{
	/* U+212A KELVIN SIGN is K in NFC */
	T_PAYLOAD("000.00.01.\xe2\x84\xaa" "29-240115-0001", DP_DOSSIER,
		  "000.00.01.K29-240115-0001");
	/* NFD letters compose into non-ASCII letters: not a code, whichever form they came in */
	T_PAYLOAD("\xc4\x90" "29-240115-0001", DP_NOT_A_CODE, "");
	T_PAYLOAD("A\xcc\x80" "29-240115-0001", DP_NOT_A_CODE, "");
	/* full-width digits are not folded (NFC, not NFKC) */
	T_PAYLOAD("\xef\xbc\x91" "2345", DP_NOT_A_CODE, "");
}

T_TEST(dossier_parse_loose_rules)
{
	char s[64];

	T_PAYLOAD("12345", DP_DOSSIER, "12345");
	T_PAYLOAD("a/b_c-1", DP_DOSSIER, "A/B_C-1");
	T_PAYLOAD("1234", DP_NOT_A_CODE, "");
	T_PAYLOAD("ABCDEF", DP_NOT_A_CODE, "");
	memset(s, '1', 50);
	s[50] = '\0';
	T_EQ(parse(s).kind, DP_DOSSIER);
	s[50] = '1';
	s[51] = '\0';
	T_PAYLOAD(s, DP_TOO_LONG, "");
}

T_TEST(dossier_parse_url_takes_only_the_code)
{
	static const char *const urls[] = {
		"https://dichvucong.example.gov.vn/tra-cuu?MHS=000.00.01.H29-240115-0001&SGT=" SGT,
		"https://dvc.example.vn/tra-cuu?SGT=" SGT "&maHoSo=000.00.01.H29-240115-0001",
		"http://x.vn/?sgt=" SGT "&mhs=000.00.01.h29-240115-0001",
		"HTTPS://X.VN/?MAHOSO=000.00.01.H29-240115-0001&SGT=" SGT,
		"https://x.vn/a?SGT=" SGT "&MHS=000.00.01.H29%2D240115%2d0001",
		"https://x.vn/a?SGT=" SGT "&%4dHS=000.00.01.H29-240115-0001",
		"https://x.vn/a?SGT=" SGT "&MHS=+000.00.01.H29-240115-0001+",
		"https://x.vn/#/tra-cuu?SGT=" SGT "&maHoSo=000.00.01.H29-240115-0001",
		"https://x.vn/p?SGT=" SGT "#MHS=000.00.01.H29-240115-0001",
		"https://x.vn/p?SGT=" SGT "&amp;MHS=000.00.01.H29-240115-0001",
		"https://x.vn/p?MHS=&SGT=" SGT "&MHS=000.00.01.H29-240115-0001",
		"tra-cuu?SGT=" SGT "&MHS=000.00.01.H29-240115-0001",
	};

	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		struct dossier_payload p = parse(urls[i]);

		if (strcmp(p.value, "000.00.01.H29-240115-0001") != 0)
			printf("    %s\n", urls[i]);
		T_EQ(p.kind, DP_DOSSIER);
		T_STREQ(p.value, "000.00.01.H29-240115-0001");
		T_CHECK(p.strict);
		T_CHECK(strstr(p.value, "1234567890") == NULL);
	}
}

T_TEST(dossier_parse_url_without_code)
{
	T_PAYLOAD("https://x.vn/tra-cuu?SGT=" SGT, DP_NO_CODE, "");
	T_PAYLOAD("https://x.vn/tra-cuu?SGT=" SGT "&MHS=", DP_NO_CODE, "");
	T_PAYLOAD("https://x.vn/tra-cuu?SGT=" SGT "&MHS=+++", DP_NO_CODE, "");
	T_PAYLOAD("https://x.vn/ho-so/000.00.01.H29-240115-0001", DP_NO_CODE, "");
	T_PAYLOAD("?a=1", DP_NO_CODE, "");
	/* long parameter names (the fuzzer's first find overflowed the name buffer) */
	T_PAYLOAD("https://x.vn/?MHS1111111111111111111111=12345", DP_NO_CODE, "");
	T_PAYLOAD("https://x.vn/?%6d%61%48%6f%53%6f=12345", DP_DOSSIER, "12345");
	T_PAYLOAD("https://x.vn/?%6d%61%48%6f%53%6f1=12345", DP_NO_CODE, "");
	/* a code parameter that holds something else is refused, never read further */
	T_PAYLOAD("https://x.vn/?MHS=" SGT "%20x&SGT=" SGT, DP_NOT_A_CODE, "");
	T_PAYLOAD("https://x.vn/?MHS=%00123456", DP_NOT_A_CODE, "");
	T_PAYLOAD("https://x.vn/?MHS=%ff123456", DP_NOT_A_CODE, "");
	T_PAYLOAD("https://x.vn/?MHS=%27%3B%20DROP", DP_NOT_A_CODE, "");
}

T_TEST(dossier_parse_refuses_junk)
{
	T_PAYLOAD("'; DROP TABLE tickets;--", DP_NOT_A_CODE, "");
	T_PAYLOAD("000.00.01.H29-240115-0001'--", DP_NOT_A_CODE, "");
	T_PAYLOAD("000.00.01.H29 240115 0001", DP_NOT_A_CODE, "");
	T_PAYLOAD("<script>12345</script>", DP_NOT_A_CODE, "");
	T_PAYLOAD("\"12345\"", DP_NOT_A_CODE, "");
	T_PAYLOAD("Nguyễn Văn An 1990", DP_NOT_A_CODE, "");
	T_PAYLOAD("", DP_EMPTY, "");
	T_PAYLOAD("   \r\n", DP_EMPTY, "");
}

T_TEST(dossier_parse_refuses_binary)
{
	struct dossier_payload p;

	dossier_parse_payload("12345\0" "678", 9, &p);
	T_EQ(p.kind, DP_BINARY);
	T_PAYLOAD("123\x01" "45", DP_BINARY, "");
	T_PAYLOAD("123\t45", DP_BINARY, "");
	T_PAYLOAD("123\x1b[2J45", DP_BINARY, "");
	T_PAYLOAD("12345\x7f", DP_BINARY, "");
	T_PAYLOAD("\xff\xfe" "12345", DP_BINARY, "");
	T_PAYLOAD("12345\xc3", DP_BINARY, "");
	T_PAYLOAD("12\xc2\x85" "345", DP_BINARY, "");   /* C1 NEL */
	T_PAYLOAD("\xc0\xaf" "12345", DP_BINARY, "");   /* overlong "/" */
	dossier_parse_payload(NULL, 5, &p);
	T_EQ(p.kind, DP_EMPTY);
}

T_TEST(dossier_parse_refuses_long_payloads)
{
	static char big[10 * 1024];
	struct dossier_payload p;

	memset(big, '1', sizeof(big));
	dossier_parse_payload(big, sizeof(big), &p);
	T_EQ(p.kind, DP_TOO_LONG);
	T_STREQ(p.value, "");
	dossier_parse_payload(big, DOSSIER_PAYLOAD_MAX + 1, &p);
	T_EQ(p.kind, DP_TOO_LONG);
	dossier_parse_payload(big, DOSSIER_PAYLOAD_MAX, &p);
	T_EQ(p.kind, DP_TOO_LONG);   /* a code over 50 characters */
	for (size_t i = 1; i < DOSSIER_PAYLOAD_MAX; i += 2)
		big[i] = ' ';
	dossier_parse_payload(big, DOSSIER_PAYLOAD_MAX, &p);
	T_EQ(p.kind, DP_NOT_A_CODE);
	memcpy(big, "https://x.vn/?SGT=", 18);
	memcpy(big + DOSSIER_PAYLOAD_MAX - 30, "&MHS=000.00.01.H29-240115-0001", 30);
	dossier_parse_payload(big, DOSSIER_PAYLOAD_MAX, &p);
	T_EQ(p.kind, DP_DOSSIER);
}

T_TEST(dossier_parse_tickets)
{
	T_PAYLOAD("KIOSK-01-20261123-A012", DP_TICKET, "KIOSK-01-20261123-A012");
	T_PAYLOAD("HCC-Q1-20261123-KS007\r\n", DP_TICKET, "HCC-Q1-20261123-KS007");
	T_PAYLOAD("hcc_q1.b-20261123-AB9999", DP_TICKET, "hcc_q1.b-20261123-AB9999");
	T_PAYLOAD("K-20261231-Z100", DP_TICKET, "K-20261231-Z100");
	/* 31 characters of kiosk id at most */
	T_PAYLOAD("ABCDEFGHIJKLMNOPQRSTUVWXYZ01234-20261123-A012", DP_TICKET,
		  "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234-20261123-A012");
	/* not as queue.c prints them: they fall through to the loose dossier rule */
	T_PAYLOAD("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345-20261123-A012", DP_DOSSIER,
		  "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345-20261123-A012");
	T_PAYLOAD("HCC-Q1-20261123-KS7", DP_DOSSIER, "HCC-Q1-20261123-KS7");
	T_PAYLOAD("K1-20261323-A012", DP_DOSSIER, "K1-20261323-A012");
	T_PAYLOAD("K1-20261123-ABC012", DP_DOSSIER, "K1-20261123-ABC012");
	T_PAYLOAD("K1-20261123-a012", DP_DOSSIER, "K1-20261123-A012");
	T_PAYLOAD("K1-20261123-A12345", DP_DOSSIER, "K1-20261123-A12345");
	T_PAYLOAD("-20261123-A012", DP_DOSSIER, "-20261123-A012");
	T_PAYLOAD("K 1-20261123-A012", DP_NOT_A_CODE, "");
	/* a ticket id inside a URL is not a ticket */
	T_PAYLOAD("https://x.vn/?MHS=K1-20261123-A012", DP_DOSSIER, "K1-20261123-A012");
}

T_TEST(dossier_parse_reads_the_ticket_queue_prints)
{
	bool rep = false;
	static const char cat_text[] =
		"[field.f]\nname_vi = Hộ tịch\n"
		"[service.KS]\nfield = f\nname_vi = Khai sinh\ncounters = 1\n"
		"mon = 00:00-24:00\ntue = 00:00-24:00\nwed = 00:00-24:00\nthu = 00:00-24:00\n"
		"fri = 00:00-24:00\nsat = 00:00-24:00\nsun = 00:00-24:00\n";
	char path[300], err[256];
	struct catalog *cat;
	struct store *st;
	struct queue *q;
	struct queue_ticket t;
	struct dossier_payload p;

	snprintf(path, sizeof(path), "%s/kiosk.db", t_tmpdir());
	T_OK(catalog_load_string(cat_text, "test", &cat, err, sizeof(err)));
	T_OK(store_open(path, &st));
	T_OK(queue_new(st, cat, "HCC-Q1.k_2", &q));
	T_OK(queue_issue(q, "KS", 0, "req-1", clock_from_local(2026, 11, 23, 8, 0, 0), &t, &rep));
	p = parse(t.ticket_id);
	T_EQ(p.kind, DP_TICKET);
	T_STREQ(p.value, "HCC-Q1.k_2-20261123-KS001");
	queue_free(q);
	store_close(st);
	catalog_free(cat);
}

T_TEST(dossier_kind_names)
{
	T_STREQ(dossier_payload_kind_name(DP_DOSSIER), "dossier");
	T_STREQ(dossier_payload_kind_name(DP_TICKET), "ticket");
	T_STREQ(dossier_payload_kind_name(DP_EMPTY), "empty");
	T_STREQ(dossier_payload_kind_name(DP_BINARY), "binary");
	T_STREQ(dossier_payload_kind_name(DP_TOO_LONG), "too_long");
	T_STREQ(dossier_payload_kind_name(DP_NO_CODE), "no_code");
	T_STREQ(dossier_payload_kind_name(DP_NOT_A_CODE), "not_a_code");
	T_STREQ(dossier_payload_kind_name((enum dossier_payload_kind)99), "unknown");
}

T_TEST(dossier_mask_name_cases)
{
	char out[96], again[96];

	dossier_mask_name("Nguyễn Văn An", out, sizeof(out));
	T_STREQ(out, "Nguyễn V* A*");
	dossier_mask_name(out, again, sizeof(again));
	T_STREQ(again, out);
	/* NFD in, NFC out: "Nguyễn Văn Ánh" with decomposed marks */
	dossier_mask_name("Nguye\xcc\x82\xcc\x83n Va\xcc\x86n A\xcc\x81nh", out, sizeof(out));
	T_STREQ(out, "Nguyễn V* Á*");
	dossier_mask_name(out, again, sizeof(again));
	T_STREQ(again, "Nguyễn V* Á*");
	dossier_mask_name("  Đặng   Thị\tẢnh  Tuyết ", out, sizeof(out));
	T_STREQ(out, "Đặng T* Ả* T*");
	dossier_mask_name("Lê\xc2\xa0Hoà", out, sizeof(out));
	T_STREQ(out, "Lê H*");
	dossier_mask_name("Lò", out, sizeof(out));
	T_STREQ(out, "Lò");
	dossier_mask_name("", out, sizeof(out));
	T_STREQ(out, "");
	strcpy(out, "x");
	dossier_mask_name("Nguy\xff" "n An", out, sizeof(out));
	T_STREQ(out, "");
	dossier_mask_name(NULL, out, sizeof(out));
	T_STREQ(out, "");
	/* too small: whole words only */
	dossier_mask_name("Nguyễn Văn An", out, 12);
	T_STREQ(out, "Nguyễn V*");
	dossier_mask_name("Nguyễn Văn An", out, 4);
	T_STREQ(out, "");
}

T_TEST(dossier_overdue_across_local_midnight)
{
	/* due 20 Nov 00:30 local, which is still 19 Nov in UTC */
	int64_t due = clock_from_local(2026, 11, 20, 0, 30, 0);

	T_EQ(dossier_current_due(due, 0), due);
	T_EQ(dossier_days_overdue(4, due, 0, clock_from_local(2026, 11, 19, 8, 0, 0)), 0);
	T_EQ(dossier_days_overdue(4, due, 0, clock_from_local(2026, 11, 20, 23, 59, 59)), 0);
	T_EQ(dossier_days_overdue(4, due, 0, clock_from_local(2026, 11, 21, 0, 0, 0)), 1);
	T_EQ(dossier_days_overdue(4, due, 0, clock_from_local(2026, 11, 21, 6, 59, 0)), 1);
	T_EQ(dossier_days_overdue(4, due, 0, clock_from_local(2026, 11, 23, 8, 0, 0)), 3);
	T_EQ(dossier_days_overdue(4, due, 0, clock_from_local(2027, 1, 1, 8, 0, 0)), 42);
	/* due late in the local day, already the next day in... nothing: UTC+7 is ahead */
	due = clock_from_local(2026, 11, 20, 23, 30, 0);
	T_EQ(dossier_days_overdue(2, due, 0, clock_from_local(2026, 11, 20, 23, 59, 0)), 0);
	T_EQ(dossier_days_overdue(2, due, 0, clock_from_local(2026, 11, 21, 0, 1, 0)), 1);
}

T_TEST(dossier_overdue_rescheduled_and_finished)
{
	int64_t due = clock_from_local(2026, 11, 20, 17, 0, 0);
	int64_t later = clock_from_local(2026, 11, 30, 17, 0, 0);
	int64_t now = clock_from_local(2026, 11, 25, 9, 0, 0);

	T_EQ(dossier_current_due(due, later), later);
	T_EQ(dossier_current_due(0, 0), 0);
	T_EQ(dossier_current_due(-5, 0), 0);
	T_EQ(dossier_days_overdue(4, due, 0, now), 5);
	T_EQ(dossier_days_overdue(4, due, later, now), 0);
	T_EQ(dossier_days_overdue(4, due, later, clock_from_local(2026, 12, 1, 9, 0, 0)), 1);
	T_EQ(dossier_days_overdue(4, 0, 0, now), 0);
	for (int s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++) {
		bool done = s == 3 || s == 7 || s == 8 || s == 9 || s == 10;

		T_EQ(dossier_status_finished(s), done);
		T_EQ(dossier_days_overdue(s, due, 0, now), done ? 0 : 5);
	}
	T_EQ(dossier_days_overdue(4, 1, 0, INT64_MAX), 2147483647);
	T_EQ(dossier_days_overdue(4, INT64_MAX, 0, INT64_MIN), 0);
}

T_TEST(dossier_status_keys_have_strings)
{
	static const char *const labels[] = {
		"Mới đăng ký", "Được tiếp nhận", "Không được tiếp nhận", "Đang xử lý",
		"Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính",
		"Công dân yêu cầu rút hồ sơ", "Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả",
	};
	struct i18n *t;

	T_STREQ(dossier_status_key(1), "dossier_status_1");
	T_STREQ(dossier_hint_key(10), "dossier_hint_10");
	T_CHECK(dossier_status_key(0) == NULL && dossier_status_key(11) == NULL);
	T_CHECK(dossier_hint_key(-1) == NULL && dossier_hint_key(11) == NULL);
	T_OK(i18n_new(&t));
	for (int s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++) {
		T_STREQ(i18n_get(t, LANG_VI, dossier_status_key(s)), labels[s - 1]);
		for (int l = 0; l < LANG_COUNT; l++) {
			const char *k = dossier_hint_key(s);

			T_CHECK(strcmp(i18n_get(t, (enum lang)l, k), k) != 0);
			T_CHECK(strcmp(i18n_get(t, (enum lang)l, dossier_status_key(s)),
				       dossier_status_key(s)) != 0);
		}
	}
	T_CHECK(strstr(i18n_get(t, LANG_VI, "dossier_overdue"), "{}") != NULL);
	T_CHECK(strstr(i18n_get(t, LANG_EN, "dossier_overdue"), "{}") != NULL);
	T_CHECK(strcmp(i18n_get(t, LANG_EN, "dossier_overdue_apology"), "dossier_overdue_apology"));
	i18n_free(t);
}

T_TEST(dossier_escape_byte_classes)
{
	static const unsigned char in[] = "a\\\t\n\r\x01\x1f\x7f" "\xc3\xa1" "\xe1\xbb\x87"
		"\xf0\x9f\x98\x80" "\xff" "\xc3" "(" "\xc2\x85" "\xed\xa0\x80";
	char out[128];
	size_t n = dossier_escape(in, sizeof(in) - 1, out, sizeof(out));

	T_STREQ(out, "a\\\\\\t\\n\\r\\x01\\x1f\\x7f" "\xc3\xa1" "\xe1\xbb\x87" "\xf0\x9f\x98\x80"
		"\\xff\\xc3(\\xc2\\x85\\xed\\xa0\\x80");
	T_EQ(n, strlen(out));
	T_CHECK(utf8_valid(out, n));
	/* a NUL byte inside the data is escaped, not an end */
	n = dossier_escape((const unsigned char *)"a\0b", 3, out, sizeof(out));
	T_STREQ(out, "a\\x00b");
	T_EQ(n, 6);
	/* short buffer: whole escapes only, and the length it would need */
	n = dossier_escape((const unsigned char *)"ab\x01" "cd", 5, out, 5);
	T_STREQ(out, "ab");
	T_EQ(n, 8);
	n = dossier_escape((const unsigned char *)"\xe1\xbb\x87", 3, out, 3);
	T_STREQ(out, "");
	T_EQ(n, 3);
	T_EQ(dossier_escape((const unsigned char *)"x", 1, NULL, 0), 1);
	T_EQ(dossier_escape(NULL, 0, out, sizeof(out)), 0);
	T_STREQ(out, "");
}
