/*
 * kernel/lab.h - what an unfinished lab says.
 *
 * Every stub in labs/ starts with LAB_NOT_DONE(n): the first time the
 * kernel calls it, the log says which lab it needed and where its stub
 * is, so an unfinished lab never fails silently somewhere else.  Delete
 * the line when you start the lab.
 */
#ifndef KERNEL_LAB_H
#define KERNEL_LAB_H

#define LAB_NOT_DONE(lab) lab_not_done((lab), __func__, __FILE__)

/* lab_not_done: print (once per lab) that lab `lab`'s stub `function` in
 * `file` was called, and remember it in labs_not_done. */
void lab_not_done(int lab, const char *function, const char *file);

/* labs_not_done: bit n is set once lab n's stub has been called. */
extern unsigned labs_not_done;

#endif
