/* progprobe: asks a program installed over the running kiosk which database schema it reads
 * (`PROGRAM --schema-version`), within a time limit, so that a new program that hangs or
 * crashes cannot stop the one serving. No shell: the program is run directly. */
#ifndef KIOSK_PROGPROBE_H
#define KIOSK_PROGPROBE_H

/* *schema: the number the program printed. ERR_TIMEOUT when it said nothing within
 * timeout_ms (it is killed), ERR_INVAL when it printed no number or exited with a failure,
 * ERR_IO when it could not be run. */
int progprobe_schema(const char *path, int timeout_ms, int *schema);

#endif
