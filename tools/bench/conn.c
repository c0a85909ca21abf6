// SPDX-License-Identifier: GPL-2.0
/*
 * TCP peers of `make bench-scale` (tools/bench/scale.sh), built on the host
 * by tools/bench/run-scale:
 *
 *   conn serve ADDR PORT close   accept connections and close each at once
 *                                (the server closes first: no TIME_WAIT on
 *                                the client, whose ports are free again)
 *   conn serve ADDR PORT hold    accept connections and keep them until the
 *                                client closes or resets them
 *   conn rate ADDR PORT SECONDS  connect, wait for the server's close, close,
 *                                again, for SECONDS: prints "COUNT SECONDS"
 *                                (connections completed, time taken)
 *   conn hold ADDR PORT N        open N connections, print "ready N", keep
 *                                them until SIGTERM or SIGINT, then reset
 *                                them all (SO_LINGER 0) and exit
 *
 * ADDR is a numeric IPv4 or IPv6 address.  Every failure is fatal (exit 1,
 * message on stderr): the benchmark must not count what did not happen.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("conn: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct sockaddr_storage peer;
static socklen_t peer_len;

static void resolve(const char *addr, const char *port)
{
	struct addrinfo hints = {
		.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
		.ai_socktype = SOCK_STREAM,
	};
	struct addrinfo *ai;
	int err;

	err = getaddrinfo(addr, port, &hints, &ai);
	if (err)
		die("%s port %s: %s", addr, port, gai_strerror(err));
	memcpy(&peer, ai->ai_addr, ai->ai_addrlen);
	peer_len = ai->ai_addrlen;
	freeaddrinfo(ai);
}

static void nofile(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_NOFILE, &rl)) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* A connected socket; timeouts so that a lost connection fails the run */
static int dial(void)
{
	struct timeval tv = { .tv_sec = 10 };
	int fd;

	fd = socket(peer.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&peer, peer_len))
		die("connect: %s", strerror(errno));
	return fd;
}

/* Read until the peer closes */
static void drain(int fd)
{
	char buf[256];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		die("read: %s", strerror(errno));
}

static __attribute__((noreturn)) void serve(const char *mode)
{
	int lfd, fd, ep, one = 1, i, n;
	enum { CLOSE, HOLD } m;
	struct epoll_event ev, evs[64];
	char buf[4096];

	if (!strcmp(mode, "close"))
		m = CLOSE;
	else if (!strcmp(mode, "hold"))
		m = HOLD;
	else
		die("serve: mode close or hold, not %s", mode);
	nofile();
	signal(SIGPIPE, SIG_IGN);
	lfd = socket(peer.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		die("socket: %s", strerror(errno));
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&peer, peer_len) || listen(lfd, 4096))
		die("bind/listen: %s", strerror(errno));
	if (m == CLOSE) {
		for (;;) {
			fd = accept(lfd, NULL, NULL);
			if (fd >= 0)
				close(fd);
		}
	}
	/* hold: keep every connection until its client ends it */
	ep = epoll_create1(EPOLL_CLOEXEC);
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev))
		die("epoll: %s", strerror(errno));
	for (;;) {
		n = epoll_wait(ep, evs, 64, -1);
		for (i = 0; i < n; i++) {
			if (evs[i].data.fd == lfd) {
				fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
				if (fd < 0)
					continue;
				ev.events = EPOLLIN | EPOLLRDHUP;
				ev.data.fd = fd;
				epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
				continue;
			}
			fd = evs[i].data.fd;
			if (read(fd, buf, sizeof(buf)) <= 0) {
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
				close(fd);
			}
		}
	}
}

static int rate(double secs)
{
	double t0 = now(), t;
	unsigned long count = 0;
	int fd;

	do {
		fd = dial();
		drain(fd);
		close(fd);
		count++;
		t = now() - t0;
	} while (t < secs);
	printf("%lu %.6f\n", count, t);
	return 0;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int hold(long n)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	struct sigaction sa = { .sa_handler = on_signal };
	int *fds;
	long i;

	if (n < 0)
		die("hold: bad count");
	nofile();
	fds = calloc(n ? n : 1, sizeof(*fds));
	if (!fds)
		die("out of memory");
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n && !stop; i++)
		fds[i] = dial();
	printf("ready %ld\n", i);
	fflush(stdout);
	while (!stop)
		pause();
	/* a reset ends each connection in conntrack too (CLOSE, 10 s) */
	while (i--) {
		setsockopt(fds[i], SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(fds[i]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr,
			"usage: conn serve ADDR PORT close|hold\n"
			"       conn rate ADDR PORT SECONDS\n"
			"       conn hold ADDR PORT N\n");
		return 2;
	}
	resolve(argv[2], argv[3]);
	if (!strcmp(argv[1], "serve"))
		serve(argv[4]);
	if (!strcmp(argv[1], "rate"))
		return rate(atof(argv[4]));
	if (!strcmp(argv[1], "hold"))
		return hold(atol(argv[4]));
	die("unknown mode %s", argv[1]);
	return 2;
}
