#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: selftests/complete.bash COMPLETION_FILE 'nfalg WORDS... PARTIAL'
# What bash would offer on TAB at the end of the line: bash-completion (when
# installed) and COMPLETION_FILE are sourced in this bash, COMP_WORDS,
# COMP_CWORD, COMP_LINE and COMP_POINT are set as readline would, the
# completion function of the line's first word is called, and COMPREPLY is
# printed sorted on one line. A line ending in a blank completes a new word.
# Used by tools/pkg-test.sh and selftests/packaging.sh.
file=$1 line=$2
[ -r /usr/share/bash-completion/bash_completion ] &&
	. /usr/share/bash-completion/bash_completion
. "$file" || exit 2
read -r -a COMP_WORDS <<< "$line"
[[ $line == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
fn=$(complete -p "${COMP_WORDS[0]}" 2> /dev/null | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || { echo "complete.bash: no completion for ${COMP_WORDS[0]}" >&2; exit 2; }
COMPREPLY=()
"$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
echo
