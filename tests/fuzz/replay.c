/* Replays fuzz corpus files through a fuzz target without libFuzzer (any compiler):
 * replay FILE... — "replayed N" when every file went through (a bug aborts on the way),
 * for tests/it/fuzz.sh, which counts one check per target. */
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

		if (!fp) {
			fprintf(stderr, "replay: cannot read %s\n", argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), fp);
		if (n == sizeof(buf) && fgetc(fp) != EOF) {
			fclose(fp);
			fprintf(stderr, "replay: %s is larger than %zu bytes\n", argv[i], sizeof(buf));
			return 1;
		}
		fclose(fp);
		fprintf(stderr, "replay: %s\n", argv[i]); /* which one, should the next line abort */
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("replayed %d\n", argc - 1);
	return 0;
}
