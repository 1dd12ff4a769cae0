/* Prints the native layouts and constants chpst and utmpset bind to, as "name value" lines. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <paths.h>
#include <pwd.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <utmp.h>

#define P(n, v) printf("%s %ld\n", n, (long)(v))
int main(void) {
  P("utmp.size", sizeof(struct utmp));
  P("utmp.ut_type", offsetof(struct utmp, ut_type));
  P("utmp.ut_type.size", sizeof(((struct utmp *)0)->ut_type));
  P("utmp.ut_line", offsetof(struct utmp, ut_line));
  P("utmp.ut_line.size", sizeof(((struct utmp *)0)->ut_line));
  P("utmp.ut_user", offsetof(struct utmp, ut_user));
  P("utmp.ut_user.size", sizeof(((struct utmp *)0)->ut_user));
  P("utmp.ut_host", offsetof(struct utmp, ut_host));
  P("utmp.ut_host.size", sizeof(((struct utmp *)0)->ut_host));
  P("utmp.ut_tv.tv_sec", offsetof(struct utmp, ut_tv.tv_sec));
  P("utmp.ut_tv.tv_sec.size", sizeof(((struct utmp *)0)->ut_tv.tv_sec));
  P("DEAD_PROCESS", DEAD_PROCESS);
  printf("_PATH_UTMP %s\n_PATH_WTMP %s\n", _PATH_UTMP, _PATH_WTMP);
  P("rlimit.size", sizeof(struct rlimit));
  P("rlimit.rlim_cur", offsetof(struct rlimit, rlim_cur));
  P("rlimit.rlim_max", offsetof(struct rlimit, rlim_max));
  P("RLIMIT_CPU", RLIMIT_CPU); P("RLIMIT_FSIZE", RLIMIT_FSIZE); P("RLIMIT_DATA", RLIMIT_DATA);
  P("RLIMIT_STACK", RLIMIT_STACK); P("RLIMIT_CORE", RLIMIT_CORE); P("RLIMIT_RSS", RLIMIT_RSS);
  P("RLIMIT_NPROC", RLIMIT_NPROC); P("RLIMIT_NOFILE", RLIMIT_NOFILE);
  P("RLIMIT_MEMLOCK", RLIMIT_MEMLOCK); P("RLIMIT_AS", RLIMIT_AS);
  P("passwd.size", sizeof(struct passwd));
  P("passwd.pw_name", offsetof(struct passwd, pw_name));
  P("passwd.pw_uid", offsetof(struct passwd, pw_uid));
  P("passwd.pw_gid", offsetof(struct passwd, pw_gid));
  P("group.size", sizeof(struct group));
  P("group.gr_name", offsetof(struct group, gr_name));
  P("group.gr_gid", offsetof(struct group, gr_gid));
  P("gid_t.size", sizeof(gid_t));
  P("sigaction.size", sizeof(struct sigaction));
  P("sigaction.sa_handler", offsetof(struct sigaction, sa_handler));
  P("sigaction.sa_mask", offsetof(struct sigaction, sa_mask));
  P("sigaction.sa_flags", offsetof(struct sigaction, sa_flags));
  P("sigaction.sa_restorer", offsetof(struct sigaction, sa_restorer));
  P("sigset_t.size", sizeof(sigset_t));
  P("SIG_DFL", (long)SIG_DFL); P("SIG_IGN", (long)SIG_IGN); P("SIG_SETMASK", SIG_SETMASK);
  P("SIGPIPE", SIGPIPE);
  P("dirent.d_name", offsetof(struct dirent, d_name));
  P("O_WRONLY", O_WRONLY); P("O_RDWR", O_RDWR); P("O_NONBLOCK", O_NONBLOCK); P("O_APPEND", O_APPEND);
  P("O_CREAT", O_CREAT); P("O_CLOEXEC", O_CLOEXEC);
  P("LOCK_EX", LOCK_EX); P("LOCK_NB", LOCK_NB);
  return 0;
}
