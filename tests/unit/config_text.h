/* The config tests' way in: a text written to a file of the test's own directory and loaded
 * over the embedded defaults, as the kiosk loads its configuration file. */
#ifndef TESTS_UNIT_CONFIG_TEXT_H
#define TESTS_UNIT_CONFIG_TEXT_H

struct config;

/* Writes text to <t_tmpdir()>/name and config_loads it; ERR_IO when the file cannot be written,
 * else what config_load returns (err says the file, line and why). */
int t_config_text(struct config *c, const char *name, const char *text, char *err, unsigned len);

#endif
