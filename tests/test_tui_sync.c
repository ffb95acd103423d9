/* The sync child's progress lines in the status bar's words, the outcome
 * and the remembered last sync; and the child itself: a stand-in program
 * that writes the lines a sync writes, read through the pipe and reaped. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/oslo_time.h"
#include "tui/sync_child.h"
#include "tui/sync_report.h"

static int64_t ms_of(const char *iso)
{
	int64_t t = 0;
	assert_true(sam_iso_utc_parse(iso, &t));
	return t * 1000;
}

static void assert_step(const char *line, const char *want)
{
	struct sync_report r;
	sync_report_init(&r);
	sync_report_feed(&r, line);
	assert_string_equal(r.step, want);
	assert_int_equal(r.end, SYNC_RUNNING);
}

static void test_progress_words(void **state)
{
	(void)state;
	assert_step("progress listing", "syncing: asking the server what is new");
	assert_step("progress sealing", "syncing: packing this laptop's changes");
	assert_step("progress pushing 2/5", "syncing: pushing 2/5");
	assert_step("progress pulling a1b2c3d4e5f60718 413", "syncing: receiving a1b2c3d4, segment 413");
	assert_step("progress waiting 1500", "syncing: the server is busy, trying again in 2 s");
	assert_step("progress snapshot", "syncing: writing a snapshot");
	assert_step("progress snapshot a1b2-000000000012.snap", "syncing: reading a snapshot");
	assert_step("progress tidying", "syncing: tidying");
	/* Lines it does not know leave the step as it was. */
	assert_step("chatter from a newer version", "syncing…");
}

static void test_outcome_done(void **state)
{
	(void)state;
	struct sync_report r;
	sync_report_init(&r);
	sync_report_feed(&r, "progress pushing 1/1");
	sync_report_feed(&r, "done pushed=3 pulled=12 conflicts=1");
	bool is_error = true;
	/* 12:05 UTC is 13:05 in Oslo in November. */
	char *text = sync_report_outcome(&r, 0, ms_of("2026-11-22T12:05:00Z"), &is_error);
	assert_string_equal(text, "synced 13:05: 3 sent, 12 received, 1 conflict");
	assert_false(is_error);
	free(text);
	sync_report_feed(&r, "warning the clock of laptop-b is 2 hours ahead");
	sync_report_feed(&r, "done pushed=0 pulled=0 conflicts=2");
	text = sync_report_outcome(&r, 0, ms_of("2026-11-22T12:05:00Z"), &is_error);
	assert_string_equal(text, "synced 13:05: 0 sent, 0 received, 2 conflicts "
	                          "(the clock of laptop-b is 2 hours ahead)");
	free(text);
}

static void test_outcome_failures(void **state)
{
	(void)state;
	struct sync_report r;
	bool is_error = false;
	sync_report_init(&r);
	sync_report_feed(&r, "offline cannot reach sky.example.no");
	char *text = sync_report_outcome(&r, 3, 0, &is_error);
	assert_string_equal(text, "offline: cannot reach sky.example.no");
	assert_true(is_error);
	free(text);
	sync_report_init(&r);
	sync_report_feed(&r, "error the server refused the password (401)");
	text = sync_report_outcome(&r, 1, 0, &is_error);
	assert_string_equal(text, "sync failed: the server refused the password (401)");
	free(text);
	sync_report_init(&r);
	text = sync_report_outcome(&r, 128 + 9, 0, &is_error);
	assert_string_equal(text, "sync failed: stopped by signal 9");
	free(text);
	text = sync_report_outcome(&r, 2, 0, &is_error);
	assert_string_equal(text, "sync failed (exit status 2)");
	free(text);
}

static void test_last_text(void **state)
{
	(void)state;
	int64_t now = ms_of("2026-11-22T12:05:00Z");
	struct sam_sync_last last = {0};
	bool is_error = true;
	char *text = sync_last_text(&last, now, &is_error);
	assert_string_equal(text, "never synced");
	assert_false(is_error);
	free(text);
	last.finished_ms = last.last_ok_ms = ms_of("2026-11-22T11:00:00Z");
	snprintf(last.outcome, sizeof last.outcome, "ok");
	text = sync_last_text(&last, now, &is_error);
	assert_string_equal(text, "synced 12:00");
	free(text);
	last.finished_ms = last.last_ok_ms = ms_of("2026-11-20T11:00:00Z");
	text = sync_last_text(&last, now, &is_error);
	assert_string_equal(text, "synced 20.11.2026 12:00");
	free(text);
	last.finished_ms = now;
	snprintf(last.outcome, sizeof last.outcome, "offline");
	text = sync_last_text(&last, now, &is_error);
	assert_string_equal(text, "offline, last synced 20.11.2026 12:00");
	assert_true(is_error);
	free(text);
	snprintf(last.outcome, sizeof last.outcome, "failed");
	snprintf(last.message, sizeof last.message, "the server is full (507)");
	text = sync_last_text(&last, now, &is_error);
	assert_string_equal(text, "sync failed: the server is full (507)");
	free(text);
}

/* ------------------------------------------------------------ the child */

struct seen {
	struct sync_report r;
	int lines;
};

static void on_line(void *ctx, const char *line)
{
	struct seen *s = ctx;
	s->lines++;
	sync_report_feed(&s->r, line);
}

/* A stand-in for `samordne --db FILE sync --progress-fd 3`: checks its
 * arguments, writes to stdout (which must not reach the screen) and its
 * lines to fd 3, the last one without a newline. */
static const char stand_in[] =
	"#!/bin/sh\n"
	"[ \"$1 $3 $4 $5\" = \"--db sync --progress-fd 3\" ] || exit 9\n"
	"echo 'noise on stdout'\n"
	"echo 'progress listing' >&3\n"
	"sleep 0.2\n"
	"echo 'progress pushing 1/2' >&3\n"
	"printf 'done pushed=2 pulled=5 conflicts=0' >&3\n"
	"exit 0\n";

static void test_child(void **state)
{
	(void)state;
	char dir[] = "/tmp/samordne-test-child.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *exe = xasprintf("%s/stand-in", dir);
	FILE *f = fopen(exe, "w");
	assert_non_null(f);
	fputs(stand_in, f);
	fclose(f);
	chmod(exe, 0700);
	struct sync_child c;
	struct sam_err err;
	assert_int_equal(sync_child_start(&c, exe, "/nowhere.db", &err), 0);
	struct seen s = {0};
	sync_report_init(&s.r);
	int status = -1, turns = 0;
	bool saw_progress_while_running = false;
	while (!sync_child_poll(&c, on_line, &s, &status)) {
		if (s.lines > 0)
			saw_progress_while_running = true;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
		assert_true(++turns < 500); /* 5 s at most */
	}
	assert_true(saw_progress_while_running);
	assert_int_equal(status, 0);
	assert_int_equal(s.lines, 3);
	assert_int_equal(s.r.end, SYNC_DONE);
	assert_int_equal(s.r.pulled, 5);
	assert_int_equal(c.pid, 0);
	assert_int_equal(c.fd, -1);
	unlink(exe);
	rmdir(dir);
	free(exe);
}

static void test_child_missing(void **state)
{
	(void)state;
	struct sync_child c;
	struct sam_err err;
	/* posix_spawn reports a missing program either at once or as the
	 * child's exit status 127. */
	if (sync_child_start(&c, "/nonexistent/samordne", "/nowhere.db", &err) < 0) {
		assert_non_null(strstr(err.msg, "cannot start the sync"));
		return;
	}
	struct seen s = {0};
	sync_report_init(&s.r);
	int status = -1, turns = 0;
	while (!sync_child_poll(&c, on_line, &s, &status)) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
		assert_true(++turns < 500);
	}
	assert_int_equal(status, 127);
	bool is_error = false;
	char *text = sync_report_outcome(&s.r, status, 0, &is_error);
	assert_string_equal(text, "sync failed (exit status 127)");
	assert_true(is_error);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress_words), cmocka_unit_test(test_outcome_done),
		cmocka_unit_test(test_outcome_failures), cmocka_unit_test(test_last_text),
		cmocka_unit_test(test_child), cmocka_unit_test(test_child_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
