// Glibc's Swift module hides epoll, eventfd and accept4.
//
// No _GNU_SOURCE here: it changes struct layouts (fd_set) so that the headers no longer match
// Swift's Glibc module, and any Swift file importing both fails to build. accept4 is the only GNU
// function needed, so it is declared directly (SOCK_NONBLOCK/SOCK_CLOEXEC are always defined).
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/eventfd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>

extern int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags);
