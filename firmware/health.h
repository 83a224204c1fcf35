/* health: what a fleet operator needs to know of one kiosk beyond its printer and outbox,
 * for the heartbeat (docs/protocol.md, "Heartbeat"): free disk where the database is, the
 * database's size, and when the client certificate expires. Read when a heartbeat is built,
 * on the sync worker; nothing here blocks for long (a statvfs, two stats, one small file). */
#ifndef KIOSK_HEALTH_H
#define KIOSK_HEALTH_H

struct health {
	long long disk_free_mb;      /* for an unprivileged user; -1: unknown */
	long long db_kb;             /* the database with its WAL; -1: unknown */
	long long cert_not_after;    /* UTC seconds; 0: no certificate or unreadable */
};

/* db_path: the kiosk's database; cert: [sync] cert, NULL or "" for none. */
void health_read(const char *db_path, const char *cert, struct health *out);

#endif
