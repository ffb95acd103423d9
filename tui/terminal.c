/* Starting curses and giving the terminal back. The crash handler may only
 * use async-signal-safe calls: it writes byte strings captured at start
 * (leave the alternate screen, show the cursor, plain attributes) and
 * restores the saved tty modes with tcsetattr, then re-raises the signal
 * so the crash is still reported as one. */
#include <config.h>

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "core/common.h"
#include "tui/terminal.h"

static volatile sig_atomic_t quit_requested;
static SCREEN *screen;
static struct termios saved_tty;
static bool have_saved_tty;
static char reset_seq[512];
static size_t reset_len;

static const int crash_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
static const int quit_signals[] = {SIGTERM, SIGINT, SIGHUP};

static void on_quit_signal(int sig)
{
	(void)sig;
	quit_requested = 1;
}

static void on_crash_signal(int sig)
{
	if (reset_len) {
		ssize_t n = write(STDOUT_FILENO, reset_seq, reset_len);
		(void)n;
	}
	if (have_saved_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Appends a terminfo capability's bytes to the crash reset sequence. */
static void capture(const char *cap)
{
	char *s = tigetstr(cap);
	if (!s || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (reset_len + n < sizeof(reset_seq)) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

static void install(const int *sigs, size_t n, void (*handler)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < n; i++)
		sigaction(sigs[i], &sa, NULL);
}

bool term_start(void)
{
	have_saved_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	/* Short: Esc cancels at once, and keys still arrive whole. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	screen = newterm(NULL, stdout, stdin);
	if (!screen)
		return false;
	cbreak();
	noecho();
	nonl();
	/* Ctrl-S saves a form: the tty must not take it for XOFF. */
	struct termios tty;
	if (tcgetattr(STDIN_FILENO, &tty) == 0) {
		tty.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &tty);
		def_prog_mode();
	}
	keypad(stdscr, TRUE);
	curs_set(0);
	capture("sgr0");
	capture("cnorm");
	capture("rmkx");
	capture("rmcup");
	install(quit_signals, SAM_ARRAY_LEN(quit_signals), on_quit_signal, 0);
	install(crash_signals, SAM_ARRAY_LEN(crash_signals), on_crash_signal, SA_RESETHAND);
	/* stdscr is never drawn on; refreshing it now keeps the first key
	 * read from painting it over the views. */
	refresh();
	return true;
}

void term_stop(void)
{
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
	install(crash_signals, SAM_ARRAY_LEN(crash_signals), SIG_DFL, 0);
}

bool term_quit_requested(void)
{
	return quit_requested != 0;
}

void term_write_raw(const char *s)
{
	fflush(stdout);
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}
