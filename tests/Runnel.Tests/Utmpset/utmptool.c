/* Test helper: writes and dumps struct utmp records with the C library's own layout.
   utmptool add FILE TYPE PID LINE ID USER HOST SEC
   utmptool dump FILE NOW   (times within 10 s of NOW print as "now") */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utmp.h>

int main(int argc, char **argv) {
  struct utmp u;
  if (argc == 10 && !strcmp(argv[1], "add")) {
    memset(&u, 0, sizeof u);
    u.ut_type = atoi(argv[3]);
    u.ut_pid = atoi(argv[4]);
    strncpy(u.ut_line, argv[5], sizeof u.ut_line);
    strncpy(u.ut_id, argv[6], sizeof u.ut_id);
    strncpy(u.ut_user, argv[7], sizeof u.ut_user);
    strncpy(u.ut_host, argv[8], sizeof u.ut_host);
    u.ut_tv.tv_sec = atol(argv[9]);
    FILE *f = fopen(argv[2], "a");
    if (!f || fwrite(&u, sizeof u, 1, f) != 1) return 1;
    return fclose(f) != 0;
  }
  if (argc == 4 && !strcmp(argv[1], "dump")) {
    FILE *f = fopen(argv[2], "r");
    long now = atol(argv[3]);
    if (!f) return 1;
    while (fread(&u, sizeof u, 1, f) == 1) {
      long s = u.ut_tv.tv_sec;
      char t[32];
      if (s >= now - 10 && s <= now + 10) strcpy(t, "now"); else snprintf(t, sizeof t, "%ld", s);
      printf("type=%d pid=%d line=%.32s id=%.4s user=%.32s host=%.256s sec=%s usec=%d\n", u.ut_type, u.ut_pid,
             u.ut_line, u.ut_id, u.ut_user, u.ut_host, t, (int)u.ut_tv.tv_usec);
    }
    return 0;
  }
  return 2;
}
