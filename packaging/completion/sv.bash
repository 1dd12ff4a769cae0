# bash completion for runnel's sv (and runit's): options, the command, then
# service names from $SVDIR (default /etc/service) or service directories.

_runnel_sv_commands="status up down once pause cont hup alarm interrupt quit 1 2 term kill exit
start stop reload restart shutdown force-stop force-reload force-restart force-shutdown try-restart check"

# Names of the service directories in $SVDIR (entries that are directories).
_runnel_sv_services()
{
    local dir=${SVDIR:-/etc/service} e
    for e in "$dir"/*; do
        [ -d "$e" ] && printf '%s\n' "${e##*/}"
    done
}

_runnel_sv()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local i=1 w have_cmd=
    COMPREPLY=()
    # Skip the options before the command: -v, -w SEC (or -wSEC), --.
    while [ "$i" -lt "$COMP_CWORD" ]; do
        w=${COMP_WORDS[i]}
        case "$w" in
            --) i=$((i + 1)); break ;;
            -w) i=$((i + 2)); continue ;;
            -*) i=$((i + 1)); continue ;;
        esac
        break
    done
    [ "$i" -lt "$COMP_CWORD" ] && have_cmd=1
    if [ "$prev" = -w ] && [ -z "$have_cmd" ]; then
        return 0        # a number of seconds
    fi
    if [ -z "$have_cmd" ]; then
        case "$cur" in
            -*) mapfile -t COMPREPLY < <(compgen -W "-v -w" -- "$cur") ;;
            *)  mapfile -t COMPREPLY < <(compgen -W "$_runnel_sv_commands" -- "$cur") ;;
        esac
        return 0
    fi
    case "$cur" in
        /*|./*|../*|~*)
            compopt -o filenames 2>/dev/null    # quote and add / when inserted
            mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
        *)
            # One name a line: service names may hold spaces.
            local IFS=$'\n'
            mapfile -t COMPREPLY < <(compgen -W "$(_runnel_sv_services)" -- "$cur") ;;
    esac
    return 0
}

complete -F _runnel_sv sv
