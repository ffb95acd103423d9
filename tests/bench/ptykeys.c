/* Drives a full-screen program through a pseudo-terminal and times each
 * key from the moment it is written to the last byte of the frame it
 * causes: the whole program (read, action, draw, doupdate, write) as a
 * user feels it, on the real binary.
 *
 *   ptykeys [-c COLS] [-r ROWS] [-q QUIET_MS] [-s KEYS] [-k KEYS] [-n N]
 *           [-t TEXT] -- COMMAND [ARG…]
 *
 * After the first frame: the setup keys -s (comma-separated, each waits
 * for its frame, untimed); then N keys cycling through -k, each timed;
 * then TEXT typed one character at a time, each timed (incremental
 * search); then Enter and q. A frame ends when the program has written
 * nothing for QUIET_MS (default 15); the quiet tail is not counted.
 * "\r", "\e" and "\n" are understood in keys.
 *
 * Prints "MEDIAN_MS P90_MS MAX_MS FRAMES MISSED" for the timed keys
 * (MISSED: keys that drew nothing within a second). Exits 3 if the
 * program never draws a screen or ends before the keys are typed: the
 * benchmark then says the full-screen program is not there. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int quiet_ms = 15;
static int master = -1;
static pid_t child;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads output until it has been quiet for quiet_ms after at least one
 * byte, or until first_timeout_ms pass with nothing. A program that never
 * goes quiet (a clock in the status bar under valgrind) ends the frame
 * after max_frame_ms. Returns the time of the last byte, or -1 if nothing
 * came (or the program ended). */
static int max_frame_ms = 5000;

static double read_frame(int first_timeout_ms)
{
	char buf[65536];
	double last = -1, start = now_ms();
	int timeout = first_timeout_ms;
	for (;;) {
		if (last > 0 && last - start > max_frame_ms)
			return last;
		struct pollfd p = {master, POLLIN, 0};
		int r = poll(&p, 1, timeout);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return last;
		ssize_t n = read(master, buf, sizeof buf);
		if (n <= 0)
			return last; /* EIO: the program has ended */
		last = now_ms();
		timeout = quiet_ms;
	}
}

/* "\r" → CR, "\e" → ESC, "\n" → LF; the rest as it is. */
static size_t unescape(const char *in, char *out)
{
	size_t n = 0;
	for (; *in; in++) {
		if (in[0] == '\\' && in[1]) {
			in++;
			out[n++] = *in == 'r' ? '\r' : *in == 'e' ? '\033' : *in == 'n' ? '\n' : *in;
		} else {
			out[n++] = *in;
		}
	}
	return n;
}

/* Writes a key and waits for its frame; its time, or -1 if none came. */
static double key(const char *bytes, size_t len)
{
	double t0 = now_ms();
	if (write(master, bytes, len) != (ssize_t)len) {
		perror("ptykeys: write");
		exit(1);
	}
	double t = read_frame(1000);
	return t < 0 ? -1 : t - t0;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void start(char **cmd, int cols, int rows)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("ptykeys: forkpty");
		exit(1);
	}
	if (child == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(cmd[0], cmd);
		fprintf(stderr, "ptykeys: %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
}

/* Enter if a search prompt is open, then q; a program that has not ended
 * within twenty seconds (valgrind is slow to finish) is terminated. */
static void stop(bool prompt_open)
{
	(void)!write(master, prompt_open ? "\rq" : "q", prompt_open ? 2 : 1);
	double until = now_ms() + 20000;
	int saved = max_frame_ms;
	max_frame_ms = 100;
	while (now_ms() < until) {
		read_frame(10);
		if (waitpid(child, NULL, WNOHANG) == child)
			return;
	}
	max_frame_ms = saved;
	kill(child, SIGTERM);
	waitpid(child, NULL, 0);
}

static noreturn void absent(const char *why)
{
	fprintf(stderr, "ptykeys: %s\n", why);
	kill(child, SIGTERM);
	waitpid(child, NULL, 0);
	exit(3);
}

/* Splits a comma-separated key list in place. */
static int split_keys(char *list, char **keys, int max)
{
	int n = 0;
	for (char *k = strtok(list, ","); k && n < max; k = strtok(NULL, ","))
		keys[n++] = k;
	return n;
}

int main(int argc, char **argv)
{
	int cols = 120, rows = 40, nkeys = 0, c;
	char *setup = NULL, *cycle = NULL, *text = NULL;
	while ((c = getopt(argc, argv, "+c:r:q:s:k:n:t:")) != -1) {
		switch (c) {
		case 'c': cols = atoi(optarg); break;
		case 'r': rows = atoi(optarg); break;
		case 'q': quiet_ms = atoi(optarg); break;
		case 's': setup = optarg; break;
		case 'k': cycle = optarg; break;
		case 'n': nkeys = atoi(optarg); break;
		case 't': text = optarg; break;
		default: return 2;
		}
	}
	if (optind >= argc)
		return 2;
	signal(SIGPIPE, SIG_IGN);
	start(argv + optind, cols, rows);
	/* The first screen: startup may be slow (valgrind), so a minute. */
	int saved = quiet_ms;
	quiet_ms = saved > 300 ? saved : 300;
	max_frame_ms = 60000;
	if (read_frame(60000) < 0)
		absent("the program drew no screen");
	quiet_ms = saved;
	max_frame_ms = 5000;

	char *keys[64], buf[64];
	int n = setup ? split_keys(setup, keys, 64) : 0;
	for (int i = 0; i < n; i++)
		key(buf, unescape(keys[i], buf));
	int ncycle = cycle ? split_keys(cycle, keys, 64) : 0;
	size_t ntext = text ? strlen(text) : 0;
	double *t = calloc((size_t)nkeys + ntext + 1, sizeof *t);
	int frames = 0, missed = 0;
	for (int i = 0; ncycle > 0 && i < nkeys; i++) {
		double d = key(buf, unescape(keys[i % ncycle], buf));
		if (d < 0)
			missed++;
		else
			t[frames++] = d;
	}
	/* One UTF-8 character at a time: a lead byte and its continuations. */
	for (size_t i = 0; i < ntext;) {
		size_t len = 1;
		while (i + len < ntext && ((unsigned char)text[i + len] & 0xC0) == 0x80)
			len++;
		double d = key(text + i, len);
		if (d < 0)
			missed++;
		else
			t[frames++] = d;
		i += len;
	}
	if (waitpid(child, NULL, WNOHANG) == child)
		absent("the program ended while keys were typed");
	stop(ntext > 0);
	if (frames == 0) {
		printf("0 0 0 0 %d\n", missed);
		free(t);
		return missed ? 1 : 0;
	}
	qsort(t, (size_t)frames, sizeof *t, by_value);
	printf("%.3f %.3f %.3f %d %d\n", t[frames / 2], t[frames * 9 / 10], t[frames - 1], frames,
	       missed);
	free(t);
	return 0;
}
