/* scan_report: the --decode-image line never carries the owner's ID number. */
#include "../t.h"
#include "../../drivers/scan_report.h"

#include <stdio.h>
#include <stdlib.h>

static const char *redact(const char *s)
{
	static char out[512];

	scan_report_redact(s, strlen(s), out, sizeof(out));
	return out;
}

T_TEST(scan_report_redacts_personal_parameters)
{
	T_STREQ(redact("https://dichvucong.example.gov.vn/tra-cuu?MHS=000.00.01.H29-240115-0001"
		       "&SGT=001012345678"),
		"https://dichvucong.example.gov.vn/tra-cuu?MHS=000.00.01.H29-240115-0001&SGT=*");
	T_STREQ(redact("https://x.vn/a?sgt=001012345678&maHoSo=H15.50.05.13-261008-0975&ten=An"),
		"https://x.vn/a?sgt=*&maHoSo=H15.50.05.13-261008-0975&ten=*");
	T_STREQ(redact("https://x.vn/a?mhs=G01;SGT=0010;x#SGT=0010"), "https://x.vn/a?mhs=G01;SGT=*;x#");
	T_STREQ(redact("MHS=A-240115-0001&SGT=001012345678"), "MHS=A-240115-0001&SGT=*");
	T_STREQ(redact("000.00.01.H29-240115-0001"), "000.00.01.H29-240115-0001");
	T_STREQ(redact("https://x.vn/?SGT=1=2=3&MHS=A"), "https://x.vn/?SGT=*&MHS=A");
	T_STREQ(redact(""), "");
}

T_TEST(scan_report_small_buffer)
{
	char out[8];

	scan_report_redact("MHS=ABCDEFGHIJ", 14, out, sizeof(out));
	T_STREQ(out, "MHS=ABC");
}

/* A file that is not a picture: the "-" line and an error; a missing one too. */
T_TEST(scan_report_not_a_picture)
{
	char path[512], line[1024] = "";
	FILE *f, *out;

	snprintf(path, sizeof(path), "%s/x.png", t_tmpdir());
	f = fopen(path, "w");
	T_CHECK(f != NULL);
	fputs("SGT=001012345678", f);
	fclose(f);
	out = tmpfile();
	T_CHECK(out != NULL);
	T_CHECK(scan_report_file(path, out) < 0);
	rewind(out);
	T_CHECK(fgets(line, sizeof(line), out) != NULL);
	fclose(out);
	T_CHECK(strstr(line, "\t-\t-\t-\n") != NULL);
	T_CHECK(strstr(line, "001012345678") == NULL);
}
