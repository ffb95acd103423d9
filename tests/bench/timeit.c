/* Times a whole process the way the benchmark's figures are defined:
 * fork and exec, wait4 for its peak RSS (ru_maxrss), CLOCK_MONOTONIC
 * around it; W warm-up runs, then N timed runs, and the median.
 *
 *   timeit [-n N] [-w W] [-i IN] [-o OUT] [-p PRE] [-t SECONDS] -- COMMAND [ARG…]
 *
 * -p runs the shell command PRE before every run, untimed (a fresh copy
 * of a database). stdin is IN (default /dev/null), stdout OUT (default
 * /dev/null); stderr is kept. Prints one line:
 *
 *   MEDIAN_MS MIN_MS MAX_MS PEAK_RSS_KB
 *
 * Exits 1 if any run fails, naming its exit status. With -t, a run that
 * takes longer is ended (SIGALRM) and timeit prints "timeout" and exits 4:
 * a slow peer gives a lower bound instead of holding the benchmark for an
 * hour. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0644);
	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "timeit: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(f);
}

/* One run; returns its wall time, and its peak RSS in *rss_kb. */
static unsigned timeout_s;

static double run_once(char **cmd, const char *in, const char *out, long *rss_kb)
{
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		exit(1);
	}
	if (pid == 0) {
		redirect(in, 0, O_RDONLY);
		redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
		alarm(timeout_s); /* kept across exec; 0 sets none */
		execvp(cmd[0], cmd);
		fprintf(stderr, "timeit: %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("timeit: wait4");
			exit(1);
		}
	}
	double t = now_ms() - t0;
	if (timeout_s && WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
		printf("timeout\n");
		exit(4);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "timeit: %s failed (%s %d)\n", cmd[0],
		        WIFEXITED(status) ? "exit status" : "signal",
		        WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		exit(1);
	}
	*rss_kb = ru.ru_maxrss;
	return t;
}

static void run_pre(const char *pre)
{
	if (pre && system(pre) != 0) {
		fprintf(stderr, "timeit: '%s' failed\n", pre);
		exit(1);
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int n = 5, warm = 1, c;
	const char *in = "/dev/null", *out = "/dev/null", *pre = NULL;
	while ((c = getopt(argc, argv, "+n:w:i:o:p:t:")) != -1) {
		switch (c) {
		case 'n':
			n = atoi(optarg);
			break;
		case 'w':
			warm = atoi(optarg);
			break;
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			pre = optarg;
			break;
		case 't':
			timeout_s = (unsigned)atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc || n < 1 || warm < 0) {
		fprintf(stderr, "usage: timeit [-n N] [-w W] [-i IN] [-o OUT] [-p PRE] [-t S] -- CMD…\n");
		return 2;
	}
	char **cmd = argv + optind;
	double *t = calloc((size_t)n, sizeof *t);
	long rss = 0, peak = 0;
	if (!t)
		return 1;
	for (int i = 0; i < warm; i++) {
		run_pre(pre);
		run_once(cmd, in, out, &rss);
	}
	for (int i = 0; i < n; i++) {
		run_pre(pre);
		t[i] = run_once(cmd, in, out, &rss);
		if (rss > peak)
			peak = rss;
	}
	qsort(t, (size_t)n, sizeof *t, by_value);
	double median = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	printf("%.3f %.3f %.3f %ld\n", median, t[0], t[n - 1], peak);
	free(t);
	return 0;
}
