/* scan_report: the --decode-image line never carries the owner's ID number. */
#include "../t.h"
#include "../../drivers/scan_report.h"
#include "../../firmware/pngio.h"

#include <stdio.h>
#include <stdlib.h>

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
