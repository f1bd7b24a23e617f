#!/bin/sh
# Repeated blocks (six or more lines) in the application code of one commit: salaklang/**/*.py and
# config/*.py, without migrations/ and tests/ (issue 12's "repeats itself less" figure).
# Usage: scripts/count_duplicates.sh [--scope BASE] [--list] [COMMIT]   (COMMIT defaults to HEAD)
#   Prints the pair and file counts of the whole tree of COMMIT.
#   --scope BASE  also prints the counts for the same scope as BASE: only the apps (salaklang/<app>/) that
#                 existed at BASE, so that apps added since then do not hide what the old ones gained or lost.
#   --list        prints the pairs too (paths relative to the tree), for planning a clean-up.
set -eu
scope=""
list=""
while [ $# -gt 0 ]; do
    case "$1" in
        --scope) scope="$2"; shift 2 ;;
        --list) list=1; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) break ;;
    esac
done
rev="${1:-HEAD}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

count() {  # $1: label, $2: the tree
    out="$(duplicates --repo "$2" --most 200 --seconds 120)"
    printf '%s: %s\n' "$1" "$(echo "$out" | sed -n 1p)"
    printf '%s\n' "$out" | grep -E '^(incomplete|left out):' || true
    if [ -n "$list" ]; then
        printf '%s\n' "$out" | grep -E '^D[0-9]+ ' | sed "s#$2/##g"
    fi
}

mkdir "$dir/all"
git archive "$rev" salaklang config | tar -x -C "$dir/all"
find "$dir/all" -type d \( -name migrations -o -name tests \) -prune -exec rm -rf {} +
find "$dir/all" -type f ! -name '*.py' -delete
count "whole tree of $rev" "$dir/all"

if [ -n "$scope" ]; then
    mkdir "$dir/same"
    cp -R "$dir/all/config" "$dir/same/"
    mkdir "$dir/same/salaklang"
    for entry in $(git ls-tree --name-only "$scope" salaklang/); do
        name="$(basename "$entry")"
        if [ -e "$dir/all/salaklang/$name" ]; then
            cp -R "$dir/all/salaklang/$name" "$dir/same/salaklang/"
        fi
    done
    count "same scope as $scope (apps that existed there)" "$dir/same"
fi
