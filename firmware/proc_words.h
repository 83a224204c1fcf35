/* proc_words: a procedure's lines as the screen and the printed checklist both say them, in
 * the strings of assets/i18n/<lang>-proc.ini: a paper with its form and count ("Tờ khai —
 * bản chính, 1 bản") and the ways to submit ("trực tiếp tại quầy, qua bưu chính"). */
#ifndef KIOSK_PROC_WORDS_H
#define KIOSK_PROC_WORDS_H

#include "i18n.h"
#include "proc.h"

void proc_words_paper(const struct i18n *t, enum lang l, const struct proc_paper *pa, char *out,
		      size_t len);
void proc_words_ways(const struct i18n *t, enum lang l, unsigned ways, char *out, size_t len);

#endif
