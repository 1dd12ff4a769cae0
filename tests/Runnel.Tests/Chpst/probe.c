/* Test probe: reports the process state it was started with, for chpst tests.
   usage: probe OUTFILE|- [TRY]   TRY=root also tries to regain root.
          probe --launch[-ignpipe|-blocked] PROG ARGS...: exec PROG from a clean state (only
          fds 0-2, empty mask, default dispositions; SIGPIPE ignored with -ignpipe, TERM, USR1
          and CHLD blocked with -blocked), so the tests control what the tool inherits. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

extern char **environ;

/* Listed before the report file is opened, into memory. */
static char fdlist[8192];

static void fds(void) {
  FILE *o = fmemopen(fdlist, sizeof fdlist, "w");
  DIR *d = opendir("/proc/self/fd");
  if (!d) { fprintf(o, "fds=?\n"); fclose(o); return; }
  int me = dirfd(d), n[1024], k = 0;
  struct dirent *e;
  while ((e = readdir(d)) && k < 1024)
    if (e->d_name[0] != '.' && atoi(e->d_name) != me) n[k++] = atoi(e->d_name);
  closedir(d);
  for (int i = 0; i < k; i++)
    for (int j = i + 1; j < k; j++)
      if (n[j] < n[i]) { int t = n[i]; n[i] = n[j]; n[j] = t; }
  fprintf(o, "fds=");
  for (int i = 0; i < k; i++) {
    char p[64], t[512];
    snprintf(p, sizeof p, "/proc/self/fd/%d", n[i]);
    ssize_t l = readlink(p, t, sizeof t - 1);
    t[l < 0 ? 0 : l] = 0;
    int fl = fcntl(n[i], F_GETFD);
    fprintf(o, "%s%d%s", i ? "," : "", n[i], (fl & FD_CLOEXEC) ? "(cloexec)" : "");
    if (strstr(t, ".lock")) fprintf(o, "[lock]");
  }
  fprintf(o, "\n");
  fclose(o);
}

static void status(FILE *o) {
  FILE *s = fopen("/proc/self/status", "r");
  char line[512];
  if (!s) { fprintf(o, "status=?\n"); return; }
  while (fgets(line, sizeof line, s))
    if (!strncmp(line, "SigBlk", 6) || !strncmp(line, "SigIgn", 6) || !strncmp(line, "SigCgt", 6) ||
        !strncmp(line, "Groups", 6) || !strncmp(line, "CapEff", 6))
      fputs(line, o);
  fclose(s);
}

static int launch(char **argv, int ignpipe, int blocked) {
  sigset_t none;
  sigemptyset(&none);
  if (blocked) { sigaddset(&none, SIGTERM); sigaddset(&none, SIGUSR1); sigaddset(&none, SIGCHLD); }
  sigprocmask(SIG_SETMASK, &none, 0);
  for (int i = 1; i < 65; i++) signal(i, SIG_DFL);
  if (ignpipe) signal(SIGPIPE, SIG_IGN);
  for (int fd = 3; fd < 1024; fd++) close(fd);
  execvp(argv[0], argv);
  perror("probe: launch");
  return 127;
}

int main(int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[1], "--launch")) return launch(argv + 2, 0, 0);
  if (argc > 2 && !strcmp(argv[1], "--launch-ignpipe")) return launch(argv + 2, 1, 0);
  if (argc > 2 && !strcmp(argv[1], "--launch-blocked")) return launch(argv + 2, 0, 1);
  fds();
  FILE *o = (argc > 1 && strcmp(argv[1], "-")) ? fopen(argv[1], "w") : stdout;
  if (!o) return 99;
  fputs(fdlist, o);
  fprintf(o, "argv0=%s\n", argv[0]);
  uid_t r, e, s; gid_t gr, ge, gs;
  getresuid(&r, &e, &s); getresgid(&gr, &ge, &gs);
  fprintf(o, "uid=%u,%u,%u\ngid=%u,%u,%u\n", r, e, s, gr, ge, gs);
  gid_t g[256]; int ng = getgroups(256, g);
  fprintf(o, "groups=");
  for (int i = 0; i < ng; i++) fprintf(o, "%s%u", i ? "," : "", g[i]);
  fprintf(o, "\n");
  char cwd[4096];
  fprintf(o, "cwd=%s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
  errno = 0;
  int pr = getpriority(PRIO_PROCESS, 0);
  fprintf(o, "nice=%d\n", pr);
  for (int i = 0; i < RLIM_NLIMITS; i++) {
    struct rlimit l; getrlimit(i, &l);
    fprintf(o, "rlimit%d=%lld,%lld\n", i, (long long)l.rlim_cur, (long long)l.rlim_max);
  }
  fprintf(o, "sessionleader=%d\npgrpleader=%d\n", getsid(0) == getpid(), getpgrp() == getpid());
  sigset_t m; sigprocmask(SIG_SETMASK, 0, &m);
  int blocked = 0;
  for (int i = 1; i < 65; i++) if (sigismember(&m, i) == 1) blocked++;
  fprintf(o, "blocked=%d\n", blocked);
  status(o);
  DIR *rd = opendir("/");
  int roots = 0; struct dirent *de;
  if (rd) { while ((de = readdir(rd))) if (!strcmp(de->d_name, "probe-root-marker")) roots = 1; closedir(rd); }
  fprintf(o, "rootmarker=%d\n", roots);
  for (char **p = environ; *p; p++) fprintf(o, "env:%s\n", *p);
  if (argc > 2 && !strcmp(argv[2], "root")) {
    fprintf(o, "setgroups0=%d\n", setgroups(1, (gid_t[]){0}) == 0 ? 0 : errno);
    fprintf(o, "setgid0=%d\n", setgid(0) == 0 ? 0 : errno);
    fprintf(o, "setuid0=%d\n", setuid(0) == 0 ? 0 : errno);
    fprintf(o, "seteuid0=%d\n", seteuid(0) == 0 ? 0 : errno);
    fprintf(o, "finaluid=%u\n", geteuid());
  }
  fclose(o);
  return 0;
}
