#!/usr/bin/env bash
# How much of a one-province re-delivery is the fixed cost of a fresh JVM. In one JVM and Spark
# session, re-delivers one province after another (its three files of MONTH, each one data row
# shorter) and runs `nightly` after each; prints the seconds of each. The first is cold, as every
# `bin/pipeline nightly` is; the others are what a driver that stayed up between nights would take.
#
#   KEEP=1 bench/nightly-benchmark.sh            # prints its work folder; keeps it
#   bench/warm-nightly.sh WORK [MONTH] [PROVINCE...]
#
# WORK is the kept folder (landing, warehouse, reports). MONTH defaults to 2024-06 (the benchmark's
# re-delivered month), the provinces to 02 04 06 (not 01, which the benchmark re-delivered). Give
# the benchmark's BHXH_HMAC_KEY to keep the person keys comparable; the timings do not depend on
# it (a throwaway key is made when unset).
#
# Figures: see docs/nightly.md, "Session 5".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:?usage: $0 WORK [MONTH] [PROVINCE...]}"
month="${2:-2024-06}"
shift $(($# > 1 ? 2 : 1))
provinces=("$@")
if [[ ${#provinces[@]} -eq 0 ]]; then
  provinces=(02 04 06)
fi
for folder in landing warehouse; do
  [[ -d "$work/$folder" ]] || { echo "warm-nightly: no $folder folder in $work" >&2; exit 2; }
done
work="$(cd "$work" && pwd)"

cd "$root"
classpath_file="$root/jobs/target/bench-classpath.txt"
./mvnw -B -q -pl jobs -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2

export BHXH_HMAC_KEY="${BHXH_HMAC_KEY:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"
spark_flags="$(sed -n 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p' "$root/pom.xml")"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Each nightly prints its own summary; the timings come last.
# shellcheck disable=SC2086 # the flag list is meant to split
exec "$java_bin" ${PIPELINE_JAVA_OPTS:--Xmx6g} $spark_flags -Duser.timezone=UTC -Dfile.encoding=UTF-8 \
  -cp "$root/jobs/target/test-classes:$root/jobs/target/classes:$(cat "$classpath_file")" \
  vn.bhxh.pipeline.jobs.nightly.WarmNightlyBenchmark "$work" "$month" "${provinces[@]}"
