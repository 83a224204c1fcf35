/* Replays fuzz corpus files through a fuzz target without libFuzzer (any compiler):
 * replay FILE... — prints one "ok   fuzz_NAME" line per file, for tests/run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int main(int argc, char **argv)
{
	static unsigned char buf[1 << 20];

	for (int i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		size_t n;
		const char *base = strrchr(argv[i], '/');

		if (!fp) {
			printf("FAIL fuzz_replay %s: cannot read\n", argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), fp);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, n); /* a bug aborts here, failing the run */
		printf("ok   fuzz_replay_%s\n", base ? base + 1 : argv[i]);
	}
	return 0;
}
