/* randid: random identifiers from the kernel's CSPRNG, for event ids and request ids. */
#ifndef KIOSK_RANDID_H
#define KIOSK_RANDID_H

#define RANDID_LEN 32

/* 128 random bits as 32 lowercase hex digits and a NUL. */
void randid_hex(char out[RANDID_LEN + 1]);

#endif
