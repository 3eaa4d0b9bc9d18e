#!/usr/bin/env bash
# The soar-playbooks benchmark: webhook, bulk file and scheduled sync paths, side by side with a bare Camel route and
# a Node-RED flow, in one run on this machine. See bench/README.md.
#
#   bench/run.sh            full run (about 10 minutes on a quiet machine)
#   bench/run.sh --quick    smoke run, smaller sizes and shorter loads (under 2 minutes once installed and built)
#   options: --no-install (use what is installed), --no-build (use the built jars), --only LIST (comma-separated
#            phases of: startup,webhook,crash,bulk,intake,sync)
#   environment: JAVA_OPTS (passed to every JVM started here), BENCH_PROFILE=1 (a JFR recording of each engine
#            run, in the results folder; summarise with bench/tools/jfr-top.py), BENCH_BULK_SIZES, BENCH_S1_PAGES,
#            BENCH_DURATION (override the sizes of the mode)
#
# Prints a Markdown table and writes it to bench/results/<UTC timestamp>.md, raw outputs to
# bench/results/<UTC timestamp>/ (ignored by git). Needs root (or sudo) only to install Debian packages.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=$BENCH/.work
NODE_RED_VERSION=4.1.15

QUICK=0
INSTALL=1
BUILD=1
ONLY=startup,webhook,crash,bulk,intake,sync
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --no-install) INSTALL=0 ;;
        --no-build) BUILD=0 ;;
        --only) ONLY=$2; shift ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

# ---- sizes -----------------------------------------------------------------------------------------------------
if [ $QUICK = 1 ]; then
    MODE=quick; LEVELS="1 16 64"; DURATION=3; WARMUP=2; DRAIN_TIMEOUT=10
    BULK_SIZES="20000"; S1_PAGES=10; STARTUPS=1; CRASH_SECONDS=6; INTAKE_THREATS=100000
else
    MODE=full; LEVELS="1 16 64"; DURATION=20; WARMUP=10; DRAIN_TIMEOUT=120
    BULK_SIZES="100000 1000000"; S1_PAGES=100; STARTUPS=3; CRASH_SECONDS=20; INTAKE_THREATS=1500000
fi
S1_PER_PAGE=1000
# overrides, for profiling one path: BENCH_BULK_SIZES="200000", BENCH_S1_PAGES=30, BENCH_DURATION=10
BULK_SIZES=${BENCH_BULK_SIZES:-$BULK_SIZES}; S1_PAGES=${BENCH_S1_PAGES:-$S1_PAGES}; DURATION=${BENCH_DURATION:-$DURATION}

# ---- ports (loopback only), CPUs -----------------------------------------------------------------------------
# BENCH_PORT_BASE moves all six (two runs side by side, e.g. in two work trees; their figures then disturb each other)
PORT_BASE=${BENCH_PORT_BASE:-18480}
STUB_PORT=$PORT_BASE; ECHO_PORT=$((PORT_BASE + 1)); ENGINE_PORT=$((PORT_BASE + 2)); BARE_PORT=$((PORT_BASE + 3))
NODE_RED_PORT=$((PORT_BASE + 4)); MGMT_PORT=$((PORT_BASE + 5))
ENGINE_CPU=0; LOAD_CPU=1
STUB=http://127.0.0.1:$STUB_PORT
WEBHOOK_SECRET=bench-webhook-secret-0123456789abcdef0123456789

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$BENCH/results
RAW=$RESULTS/$STAMP
mkdir -p "$WORK" "$RAW"
TABLE=$RAW/table.md
: > "$TABLE"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
has_phase() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---- processes we start (ended by pid at exit) --------------------------------------------------------------------
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && kill "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && wait "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() { # pid: TERM, wait up to 30 s, then KILL
    local pid=$1 i
    kill "$pid" 2>/dev/null || return 0
    for i in $(seq 300); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cpu_s() { # pid -> CPU seconds used so far (user + system), from /proc/<pid>/stat
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

peak_rss_mib() { # pid -> VmHWM in MiB
    awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"
}

# ---- install -----------------------------------------------------------------------------------------------------
install() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
    command -v taskset >/dev/null || missing+=(util-linux)
    command -v curl >/dev/null || missing+=(curl)
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]} (Debian)"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    if [ ! -x "$WORK/node-red/node_modules/.bin/node-red" ]; then
        log "installing node-red $NODE_RED_VERSION (npm) into bench/.work/node-red"
        mkdir -p "$WORK/node-red"
        [ -f "$WORK/node-red/package.json" ] || echo '{"name": "bench-node-red", "private": true}' > "$WORK/node-red/package.json"
        (cd "$WORK/node-red" && npm install --no-audit --no-fund --loglevel=error "node-red@$NODE_RED_VERSION" >/dev/null)
    fi
}

mvn_package() { # dir: offline first (nothing to download), online if something is missing
    (cd "$1" && { mvn -B -q -o package -DskipTests >/dev/null 2>&1 || mvn -B -q package -DskipTests; })
}

build() {
    log "building the engine (mvn package -DskipTests)"
    mvn_package "$ROOT"
    log "building bench/bare-camel"
    mvn_package "$BENCH/bare-camel"
}

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
ENGINE_JAR=$ROOT/target/soar-playbooks.jar
BARE_JAR=$BENCH/bare-camel/target/bare-camel.jar
NODE_RED=$WORK/node-red/node_modules/.bin/node-red

check_ports() {
    local p
    for p in $STUB_PORT $ECHO_PORT $ENGINE_PORT $BARE_PORT $NODE_RED_PORT $MGMT_PORT; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            die "port $p is in use; the benchmark needs 127.0.0.1 ports $STUB_PORT-$MGMT_PORT"
        fi
    done
}

# ---- the vendor stub: nginx + bulk-echo.js, pinned to the load CPU ---------------------------------------------
LOGS=$WORK/logs
start_stub() {
    rm -rf "$WORK/nginx" "$LOGS"
    mkdir -p "$WORK/nginx/tmp" "$LOGS" "$WORK/s1-pages"
    sed -e "s#@WORK@#$WORK#g" -e "s#@STUB_PORT@#$STUB_PORT#g" -e "s#@ECHO_PORT@#$ECHO_PORT#g" \
        "$BENCH/stub/nginx.conf.in" > "$WORK/nginx/nginx.conf"
    taskset -c $LOAD_CPU node "$BENCH/stub/bulk-echo.js" $ECHO_PORT > "$RAW/bulk-echo.log" 2>&1 &
    PIDS+=($!)
    taskset -c $LOAD_CPU "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' \
        > "$RAW/nginx.out" 2>&1 &
    PIDS+=($!)
    local i
    for i in $(seq 100); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$STUB/api/v2/workspaces/w/incidents/SentinelOne/probe/status")" = 204 ] \
            && curl -s -o /dev/null -f -X POST -H 'Content-Type: application/json' -d '{"items":[]}' \
                "$STUB/api/v2/incidents/across-workspaces/bulk-update" && return 0
        sleep 0.1
    done
    die "the stub did not start (see $RAW/nginx.out, $WORK/nginx/error.log)"
}

count_lines() { # file -> number of lines (0 when missing)
    [ -f "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0
}
count_between() { # file t0 t1 [status] -> lines whose msec is within [t0, t1]
    [ -f "$1" ] || { echo 0; return; }
    awk -v a="$2" -v b="$3" -v s="${4:-}" '$1 >= a && $1 <= b && (s == "" || $2 == s) { n++ } END { print n + 0 }' "$1"
}

# ---- the engine --------------------------------------------------------------------------------------------------
ENGINE_PID=""
ENGINE_STARTED=""
engine_config() { # dir [sync]: the shipped config, with the sync's cron every second when asked
    rm -rf "$1"
    mkdir -p "$1"
    cp "$ROOT/config/mapping.yaml" "$1/"
    if [ "${2:-}" = sync ]; then
        sed -e 's/^sentinelone.sync.cron = .*/sentinelone.sync.cron = 0\/1 * * * * ?/' \
            "$ROOT/config/application.properties" > "$1/application.properties"
    else
        cp "$ROOT/config/application.properties" "$1/"
    fi
}

start_engine() { # name [sync]: starts `soar-playbooks run` on the engine CPU with a fresh data folder (KEEP_DATA=1:
                 # the same folders as the last start of that name, e.g. a restart after a crash)
    local name=$1 dir=$WORK/engine-$1
    if [ "${KEEP_DATA:-0}" != 1 ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        engine_config "$dir/config" "${2:-}"
    fi
    local jfr=""
    [ "${BENCH_PROFILE:-0}" = 1 ] && jfr="-XX:StartFlightRecording=filename=$RAW/engine-$name.jfr,settings=profile"
    ENGINE_STARTED=$(now)
    # shellcheck disable=SC2086
    (cd "$dir" && exec env \
        CONTRAFORCE_BASE_URL=$STUB CONTRAFORCE_CLIENT_ID=bench-client CONTRAFORCE_CLIENT_SECRET=bench-secret \
        SENTINELONE_BASE_URL=$STUB SENTINELONE_API_TOKEN=bench-token \
        CONTRAFORCE_WEBHOOK_SECRET=$WEBHOOK_SECRET \
        PLAYBOOKS_HTTP_HOST=127.0.0.1 PLAYBOOKS_HTTP_PORT=$ENGINE_PORT PLAYBOOKS_MANAGEMENT_PORT=$MGMT_PORT \
        SENTINELONE_SYNC_ENABLED=$([ "${2:-}" = sync ] && echo true || echo false) \
        taskset -c $ENGINE_CPU java ${ENGINE_JVM_FLAGS:-} ${JAVA_OPTS:-} $jfr -jar "$ENGINE_JAR" run \
        --config "$dir/config" --routes "$ROOT/routes" --data "$dir/data") >> "$RAW/engine-$name.log" 2>&1 &
    ENGINE_PID=$!
    PIDS+=($ENGINE_PID)
}

cds_archive() { # the engine's class-data sharing archive (JDK 17: dumped at exit of a training start)
    CDS=$WORK/engine.jsa
    if [ ! -f "$CDS" ] || [ "$ENGINE_JAR" -nt "$CDS" ]; then
        log "making the engine's CDS archive (one start and stop)"
        rm -f "$CDS"
        signed_probe "cds$STAMP"
        ENGINE_JVM_FLAGS="-XX:ArchiveClassesAtExit=$CDS -Xlog:cds=off -Xlog:cds+dynamic=off"
        start_engine cds
        await_first_202 $ENGINE_PORT "$ENGINE_PID" engine > /dev/null
        stop_pid "$ENGINE_PID"
        ENGINE_JVM_FLAGS=""
    fi
    [ -f "$CDS" ] || die "no CDS archive was written (see $RAW/engine-cds.log)"
}

signed_probe() { # prefix -> writes $WORK/probe.{body,line}: one signed delivery
    node "$BENCH/gen/webhook-pool.js" "$WEBHOOK_SECRET" 1 "$1" "$WORK/probe.template" "$WORK/probe.pool"
    local id
    id=$(cut -d' ' -f1 "$WORK/probe.pool")
    sed "s/@ID@/$id/" "$WORK/probe.template" > "$WORK/probe.body"
}

post_probe() { # port -> HTTP status of one signed delivery (000 when nothing answered)
    local id ts sig
    read -r id ts sig < "$WORK/probe.pool"
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H 'Content-Type: application/json' \
        -H "X-CF-Timestamp: $ts" -H "X-CF-Signature: $sig" -H "X-CF-Event-Id: $id" \
        --data-binary @"$WORK/probe.body" "http://127.0.0.1:$1/webhooks/contraforce" || true
}

await_first_202() { # port pid label -> seconds from ENGINE_STARTED to the first 202 (or 2xx for the others)
    local port=$1 pid=$2 label=$3 code i
    for i in $(seq 6000); do
        code=$(post_probe "$port")
        case "$code" in 2??) secs "$ENGINE_STARTED" "$(now)"; return 0 ;; esac
        kill -0 "$pid" 2>/dev/null || die "$label exited while starting (see $RAW/)"
        sleep 0.02
    done
    die "$label did not answer within 120 s"
}

# ---- the other two: bare Camel, Node-RED -------------------------------------------------------------------------
start_bare() {
    ENGINE_STARTED=$(now)
    # shellcheck disable=SC2086
    taskset -c $ENGINE_CPU java ${JAVA_OPTS:-} -Dcamel.server.port=$BARE_PORT -Dbench.vendor-url=$STUB \
        -jar "$BARE_JAR" > "$RAW/bare-camel.log" 2>&1 &
    ENGINE_PID=$!
    PIDS+=($ENGINE_PID)
}

start_node_red() {
    rm -rf "$WORK/node-red-user"
    mkdir -p "$WORK/node-red-user"
    cp "$BENCH/node-red/flow.json" "$WORK/node-red-user/flow.json"
    ENGINE_STARTED=$(now)
    BENCH_NODE_RED_PORT=$NODE_RED_PORT BENCH_NODE_RED_USER_DIR=$WORK/node-red-user BENCH_VENDOR_URL=$STUB \
        taskset -c $ENGINE_CPU node "$WORK/node-red/node_modules/node-red/red.js" \
        --settings "$BENCH/node-red/settings.js" --userDir "$WORK/node-red-user" "$WORK/node-red-user/flow.json" \
        > "$RAW/node-red.log" 2>&1 &
    ENGINE_PID=$!
    PIDS+=($ENGINE_PID)
}

# ---- wrk --------------------------------------------------------------------------------------------------------
run_wrk() { # port connections seconds label (unique in the run: it names the event ids) -> JSON summary line on
            # stdout (also in $RAW/wrk-<label>.txt)
    local port=$1 conns=$2 seconds=$3 label=$4
    local pool=$WORK/pool-$label.txt template=$WORK/template-$label.json
    local count=$((seconds * 6000 + 1000))
    node "$BENCH/gen/webhook-pool.js" "$WEBHOOK_SECRET" $count "bench$STAMP-$label" "$template" "$pool"
    taskset -c $LOAD_CPU wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s -s "$BENCH/wrk/webhook.lua" \
        "http://127.0.0.1:$port" -- "$pool" "$template" 1 > "$RAW/wrk-$label.txt" 2>&1 || true
    rm -f "$pool" "$template"
    grep '^{"requests"' "$RAW/wrk-$label.txt" || die "wrk failed (see $RAW/wrk-$label.txt)"
}

jget() { # json key -> value (numbers as they are; statuses.202 style paths)
    node -e 'let v = JSON.parse(process.argv[1]); for (const k of process.argv[2].split(".")) v = v == null ? undefined : v[k];
             process.stdout.write(String(v === undefined ? 0 : v));' "$1" "$2"
}
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { printf "%.*f", d, v }'; }
ms() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1000 }'; }

# ---- the report -------------------------------------------------------------------------------------------------
row() { printf '%s\n' "$*" >> "$TABLE"; }
TARGETS=$RAW/targets.md
: > "$TARGETS"
target() { # what, wanted, measured, met(1/0/-)
    local verdict=missed
    [ "$4" = 1 ] && verdict=met
    [ "$4" = - ] && verdict="not measured"
    printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$verdict" >> "$TARGETS"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }' && echo 1 || echo 0; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }' && echo 1 || echo 0; }

machine() {
    local cpu mem
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    echo "- machine: $(nproc) CPUs ($cpu), $mem memory, $(uname -sr)"
    echo "- versions: $(java -version 2>&1 | head -1), Camel 4.18.0 (camel-bom), $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'),"\
         "$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), node $(node -v), node-red $(node -p "require('$WORK/node-red/node_modules/node-red/package.json').version" 2>/dev/null)"
    echo "- pinning: engine / bare Camel / Node-RED on CPU $ENGINE_CPU; wrk, nginx and bulk-echo on CPU $LOAD_CPU (taskset)"
    echo "- engine JVM flags in the load phases: -XX:SharedArchiveFile=engine.jsa (CDS archive made by this run)${JAVA_OPTS:+; JAVA_OPTS: $JAVA_OPTS}"
}

# ===================================================================================================================
[ $INSTALL = 1 ] && install
[ $BUILD = 1 ] && build
[ -f "$ENGINE_JAR" ] || die "no $ENGINE_JAR (run without --no-build)"
check_ports
LOAD_BEFORE=$(cat /proc/loadavg)
BEGAN=$(now)
log "benchmark ($MODE) starting; raw outputs in $RAW"
start_stub

# ---- 4. startup ----------------------------------------------------------------------------------------------------
# Three ways to start the same jar: plain `java -jar`; with the class-data sharing archive (CDS, made above); with
# CDS and C1 only (-XX:TieredStopAtLevel=1: no C2 compiler threads competing for the one pinned CPU at start). The
# load phases below run with CDS only (C2 compiles the hot paths for throughput).
STARTUP_MEDIAN=""
declare -A STARTUP_TIMES
STARTUP_VARIANTS=("plain|" "CDS|-XX:SharedArchiveFile=@CDS@" "CDS + C1|-XX:SharedArchiveFile=@CDS@ -XX:TieredStopAtLevel=1")
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
cds_archive
CDS_FLAGS="-XX:SharedArchiveFile=$CDS"
if has_phase startup; then
    for i in $(seq $STARTUPS); do
        for v in "${STARTUP_VARIANTS[@]}"; do
            name=${v%%|*}; flags=${v#*|}; flags=${flags//@CDS@/$CDS}
            signed_probe "startup$STAMP-$i-${name//[^A-Za-z0-9]/}"
            ENGINE_JVM_FLAGS=$flags
            start_engine "startup-$i-${name//[^A-Za-z0-9]/}"
            t=$(await_first_202 $ENGINE_PORT "$ENGINE_PID" engine)
            STARTUP_TIMES[$name]="${STARTUP_TIMES[$name]:-} $t"
            log "startup $i ($name): first 202 after $t s"
            stop_pid "$ENGINE_PID"
        done
    done
    ENGINE_JVM_FLAGS=""
    fast="CDS + C1"; STARTUP_MEDIAN=$(printf "%s\n" ${STARTUP_TIMES[$fast]} | median)
fi
ENGINE_JVM_FLAGS=$CDS_FLAGS

# ---- 1. webhook ----------------------------------------------------------------------------------------------------
declare -A WH
if has_phase webhook; then
    row ""
    row "### Webhook path: signed ContraForce deliveries -> PUT status at the stub ($DURATION s per level after a $WARMUP s warm-up)"
    row ""
    row "| target | conc. | deliveries/s (2xx) | 202 | other answers | socket errors | p50 ms | p99 ms | PUT/s at stub during load | PUTs at stub after drain | drain s | CPU ms per delivery | peak RSS MiB |"
    row "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    for who in engine bare node-red; do
        STATUS_BASE=$(count_lines "$LOGS/cf-status.log")
        case $who in
            engine) signed_probe "wh$STAMP"; start_engine webhook; port=$ENGINE_PORT ;;
            bare) start_bare; port=$BARE_PORT ;;
            node-red) start_node_red; port=$NODE_RED_PORT ;;
        esac
        t=$(await_first_202 $port "$ENGINE_PID" "$who")
        log "$who answers after $t s; warm-up $WARMUP s"
        WH[$who,startup]=$t
        accepted_total=1   # the probe
        w=$(run_wrk $port 16 $WARMUP "$who-warmup")
        accepted_total=$((accepted_total + $(jget "$w" statuses.202)))
        for c in $LEVELS; do
            # our engine queues and calls the vendor later: let it finish the earlier work first
            if [ $who = engine ]; then
                for i in $(seq $((DRAIN_TIMEOUT * 10))); do
                    [ "$(count_lines "$LOGS/cf-status.log")" -ge $((STATUS_BASE + accepted_total)) ] && break
                    sleep 0.1
                done
            fi
            cpu0=$(cpu_s "$ENGINE_PID")
            t0=$(now)
            w=$(run_wrk $port "$c" $DURATION "$who-c$c")
            t1=$(now)
            n202=$(jget "$w" statuses.202)
            n2xx=$(node -e 'const s = JSON.parse(process.argv[1]).statuses; let n = 0;
                for (const k in s) if (k >= 200 && k < 300) n += s[k]; console.log(n)' "$w")
            reqs=$(jget "$w" requests)
            errs=$(node -e 'const e = JSON.parse(process.argv[1]).errors; console.log(e.connect + e.read + e.write + e.timeout)' "$w")
            dur=$(awk -v d="$(jget "$w" duration_us)" 'BEGIN { print d / 1e6 }')
            rate=$(awk -v n="$n2xx" -v d="$dur" 'BEGIN { printf "%.0f", n / d }')
            puts_during=$(count_between "$LOGS/cf-status.log" "$t0" "$t1")
            put_rate=$(awk -v n="$puts_during" -v d="$(secs "$t0" "$t1")" 'BEGIN { printf "%.0f", n / d }')
            accepted_total=$((accepted_total + n202))
            drain="-"
            if [ $who = engine ]; then
                want=$((STATUS_BASE + accepted_total))
                for i in $(seq $((DRAIN_TIMEOUT * 10))); do
                    [ "$(count_lines "$LOGS/cf-status.log")" -ge $want ] && break
                    sleep 0.1
                done
                drain=$(secs "$t1" "$(now)")
                [ "$(count_lines "$LOGS/cf-status.log")" -ge $want ] || drain=">$DRAIN_TIMEOUT"
            fi
            puts_after=$(count_between "$LOGS/cf-status.log" "$t0" "$(now)")
            # CPU of the process from the start of the load to the end of its vendor calls, per accepted delivery
            cpu_per=$(awk -v a="$cpu0" -v b="$(cpu_s "$ENGINE_PID")" -v n="$n2xx" 'BEGIN { if (n > 0) printf "%.2f", (b - a) * 1000 / n; else printf "-" }')
            WH[$who,$c,rate]=$rate; WH[$who,$c,p99]=$(ms "$(jget "$w" p99_us)"); WH[$who,$c,puts]=$put_rate
            WH[$who,$c,drain]=$drain
            row "| $who | $c | $rate | $n202 | $((reqs - n2xx)) | $errs | $(ms "$(jget "$w" p50_us)") | $(ms "$(jget "$w" p99_us)") | $put_rate | $puts_after | $drain | $cpu_per | - |"
            log "$who c=$c: $rate deliveries/s, p99 $(ms "$(jget "$w" p99_us)") ms, $put_rate PUT/s during load, drain $drain s"
        done
        rss=$(peak_rss_mib "$ENGINE_PID")
        WH[$who,rss]=$rss
        # the peak RSS over the whole run of that process goes on its last row
        sed -i '$ s/| - |$/| '"$rss"' |/' "$TABLE"
        stop_pid "$ENGINE_PID"
    done
    row ""
    row "| ratio | $(for c in $LEVELS; do printf 'conc. %s | ' "$c"; done)"
    row "|---|$(for c in $LEVELS; do printf -- '---|'; done)"
    row "| engine / Node-RED | $(for c in $LEVELS; do printf '%s | ' "$(ratio "${WH[engine,$c,rate]}" "${WH[node-red,$c,rate]}")"; done)"
    row "| engine / bare Camel | $(for c in $LEVELS; do printf '%s | ' "$(ratio "${WH[engine,$c,rate]}" "${WH[bare,$c,rate]}")"; done)"
    row "| vendor PUT/s during the load, engine / Node-RED | $(for c in $LEVELS; do printf '%s | ' "$(ratio "${WH[engine,$c,puts]}" "${WH[node-red,$c,puts]}")"; done)"
    for c in 16 64; do
        r=$(ratio "${WH[engine,$c,rate]}" "${WH[node-red,$c,rate]}")
        target "webhook conc. $c: deliveries/s, engine / Node-RED" ">= 2" "$r" "$(ge "$r" 2)"
        r=$(ratio "${WH[engine,$c,puts]}" "${WH[node-red,$c,puts]}")
        target "webhook conc. $c: vendor calls/s during the load, engine / Node-RED" ">= 1" "$r" "$(ge "$r" 1)"
        d=${WH[engine,$c,drain]}
        target "webhook conc. $c: queue drained after the load" "<= 2 s" "$d s" "$(case $d in '>'*) echo 0 ;; *) le "$d" 2 ;; esac)"
    done
    target "webhook conc. 16: engine p99" "< 50 ms" "${WH[engine,16,p99]} ms" "$(awk -v a="${WH[engine,16,p99]}" 'BEGIN { print (a < 50) ? 1 : 0 }')"
fi

# ---- 5. stop and crash during the webhook load ---------------------------------------------------------------------
# gen/crash-load.js POSTs signed deliveries (16 connections) and writes down every event id answered 202; half-way
# the engine gets SIGTERM or kill -9; it is started again on the same data folder, and every id answered 202 must
# reach the vendor stub (its ContraForce PUT, made by contraforce-triage) or be a dead letter of that playbook.
if has_phase crash; then
    row ""
    row "### Stop and crash during the webhook load: ${CRASH_SECONDS} s of deliveries at concurrency 16, the engine stopped half-way, then started again on its data folder"
    row ""
    row "| signal | deliveries answered 202 | reached the vendor | dead letters | lost | sent to the vendor twice | restart to all accounted for, s |"
    row "|---|---|---|---|---|---|---|"
    for how in TERM KILL; do
        name=crash-$how
        prefix="crash$STAMP$how"
        signed_probe "$prefix-probe"
        start_engine "$name"
        await_first_202 $ENGINE_PORT "$ENGINE_PID" engine > /dev/null
        taskset -c $LOAD_CPU node "$BENCH/gen/crash-load.js" $ENGINE_PORT "$WEBHOOK_SECRET" 16 "$CRASH_SECONDS" \
            "$prefix" "$RAW/$name-accepted.txt" > "$RAW/$name-load.json" 2>&1 &
        load=$!
        sleep $((CRASH_SECONDS / 2))
        kill -"$how" "$ENGINE_PID" 2>/dev/null || true
        for i in $(seq 600); do kill -0 "$ENGINE_PID" 2>/dev/null || break; sleep 0.1; done
        wait "$ENGINE_PID" 2>/dev/null || true
        wait "$load" || true
        restarted=$(now)
        KEEP_DATA=1 start_engine "$name"
        await_first_202 $ENGINE_PORT "$ENGINE_PID" engine > /dev/null
        sort -u "$RAW/$name-accepted.txt" > "$WORK/$name-accepted.sorted"
        accepted=$(count_lines "$WORK/$name-accepted.sorted")
        lost=$accepted; took=">120"
        for i in $(seq 1200); do
            awk -v p="/SentinelOne/$prefix-" '$2 == 204 && index($4, p) { sub(/.*\/SentinelOne\//, "", $4); sub(/\/status$/, "", $4); print $4 }' \
                "$LOGS/cf-status.log" | sort > "$WORK/$name-puts"
            sort -u "$WORK/$name-puts" > "$WORK/$name-reached"
            grep -rhoE '"incidentKey" ?: ?"SentinelOne:'"$prefix"'-[0-9]+"' "$WORK/engine-$name/data/dead-letter/contraforce-triage" 2>/dev/null \
                | sed 's/.*SentinelOne://; s/"$//' | sort -u > "$WORK/$name-dead" || true
            lost=$(sort -u "$WORK/$name-reached" "$WORK/$name-dead" | comm -23 "$WORK/$name-accepted.sorted" - | wc -l | tr -d ' ')
            if [ "$lost" = 0 ]; then took=$(secs "$restarted" "$(now)"); break; fi
            sleep 0.1
        done
        reached=$(comm -12 "$WORK/$name-accepted.sorted" "$WORK/$name-reached" | wc -l | tr -d ' ')
        dead=$(count_lines "$WORK/$name-dead")
        twice=$(( $(count_lines "$WORK/$name-puts") - $(count_lines "$WORK/$name-reached") ))
        stop_pid "$ENGINE_PID"
        signal=$([ $how = TERM ] && echo SIGTERM || echo "kill -9")
        row "| $signal | $accepted | $reached | $dead | $lost | $twice | $took |"
        log "crash ($signal): $accepted answered 202, $reached reached the vendor, $dead dead letters, $lost lost, $twice sent twice"
        target "webhook load, $signal half-way: deliveries answered 202 and lost" "0" "$lost of $accepted" "$([ "$lost" = 0 ] && [ "$accepted" -gt 0 ] && echo 1 || echo 0)"
    done
fi

# ---- 2. bulk file --------------------------------------------------------------------------------------------------
if has_phase bulk; then
    row ""
    row "### Bulk file path: CSV rows into data/inbox/bulk -> ContraForce bulk calls of 100 at the stub"
    row ""
    row "| rows | seconds (first call to result file) | rows/s | calls at stub | expected calls | engine CPU s | rows per CPU s | peak RSS MiB |"
    row "|---|---|---|---|---|---|---|---|"
    for rows in $BULK_SIZES; do
        node "$BENCH/gen/bulk-file.js" "$rows" "$WORK/bulk-$rows.csv"
        signed_probe "bulk$STAMP-$rows"
        start_engine "bulk-$rows"
        await_first_202 $ENGINE_PORT "$ENGINE_PID" engine > /dev/null
        inbox=$WORK/engine-bulk-$rows/data/inbox/bulk
        mkdir -p "$inbox"
        base=$(count_lines "$LOGS/cf-bulk.log")
        cpu0=$(cpu_s "$ENGINE_PID")
        dropped=$(now)
        mv "$WORK/bulk-$rows.csv" "$inbox/bench-$rows.csv"
        result=$inbox/.done/bench-$rows.csv.result.json
        limit=$((rows / 2000 + 120))
        for i in $(seq $((limit * 10))); do
            [ -f "$result" ] && break
            [ -d "$inbox/.failed" ] && [ -n "$(ls -A "$inbox/.failed")" ] && break
            sleep 0.1
        done
        [ -f "$result" ] || die "the bulk file of $rows rows did not finish (see $RAW/engine-bulk-$rows.log)"
        done_at=$(stat -c %.Y "$result" 2>/dev/null || stat -c %Y "$result")
        first=$(awk -v a="$dropped" '$1 >= a { print $1; exit }' "$LOGS/cf-bulk.log")
        calls=$(( $(count_lines "$LOGS/cf-bulk.log") - base ))
        expected=$(( (rows + 99) / 100 ))
        took=$(secs "$first" "$done_at")
        rate=$(awk -v r="$rows" -v s="$took" 'BEGIN { printf "%.0f", (s > 0) ? r / s : 0 }')
        rss=$(peak_rss_mib "$ENGINE_PID")
        cpu=$(awk -v a="$cpu0" -v b="$(cpu_s "$ENGINE_PID")" 'BEGIN { printf "%.2f", b - a }')
        per_cpu=$(awk -v r="$rows" -v c="$cpu" 'BEGIN { if (c > 0) printf "%.0f", r / c; else printf "-" }')
        cp "$result" "$RAW/bulk-$rows.result.json" 2>/dev/null || true
        row "| $rows | $took | $rate | $calls | $expected | $cpu | $per_cpu | $rss |"
        log "bulk $rows rows: $took s, $rate rows/s, $calls calls (expected $expected), peak RSS $rss MiB"
        stop_pid "$ENGINE_PID"
        rm -rf "$WORK/engine-bulk-$rows/data/inbox/bulk/.done"
        BULK_LAST_RATE=$rate; BULK_LAST_RSS=$rss; BULK_LAST_ROWS=$rows
        target "bulk $rows rows: calls = ceil(rows / 100)" "$expected" "$calls" "$([ "$calls" = "$expected" ] && echo 1 || echo 0)"
    done
    target "bulk $BULK_LAST_ROWS rows: rows/s" ">= 50000" "$BULK_LAST_RATE" "$(ge "$BULK_LAST_RATE" 50000)"
    target "bulk $BULK_LAST_ROWS rows: peak RSS" "< 300 MiB" "$BULK_LAST_RSS MiB" "$(awk -v a="$BULK_LAST_RSS" 'BEGIN { print (a < 300) ? 1 : 0 }')"
fi

# ---- 6. a big inbox file at a small heap ---------------------------------------------------------------------------
# One SentinelOne file of INTAKE_THREATS threats (gen/s1-threats-file.js) dropped into data/inbox/sentinelone of an
# engine started with -Xmx512m: seconds until every threat is queued (the file in .done/), the engine's peak RSS
# meanwhile, and whether the webhook (another trigger) kept answering while the file was taken in.
if has_phase intake; then
    node "$BENCH/gen/s1-threats-file.js" "$INTAKE_THREATS" "$WORK/intake.json"
    size=$(awk -v b="$(stat -c %s "$WORK/intake.json")" 'BEGIN { printf "%.0f", b / 1048576 }')
    signed_probe "intake$STAMP"
    ENGINE_JVM_FLAGS_BEFORE=${ENGINE_JVM_FLAGS:-}
    ENGINE_JVM_FLAGS="$ENGINE_JVM_FLAGS_BEFORE -Xmx512m"
    start_engine intake
    await_first_202 $ENGINE_PORT "$ENGINE_PID" engine > /dev/null
    inbox=$WORK/engine-intake/data/inbox/sentinelone
    mkdir -p "$inbox"
    dropped=$(now)
    mv "$WORK/intake.json" "$inbox/big.json"
    probes=0; answered=0; status=failed
    for i in $(seq 6000); do
        if [ -f "$inbox/.done/big.json" ]; then status=done; break; fi
        if [ -d "$inbox/.failed" ] && [ -n "$(ls -A "$inbox/.failed")" ]; then status=failed; break; fi
        kill -0 "$ENGINE_PID" 2>/dev/null || { status="engine exited"; break; }
        if [ $((i % 10)) = 0 ]; then
            # another trigger meanwhile: one new signed delivery a second
            signed_probe "intake$STAMP-$i"
            probes=$((probes + 1))
            [ "$(post_probe $ENGINE_PORT)" = 202 ] && answered=$((answered + 1))
        fi
        sleep 0.1
    done
    took=$(secs "$dropped" "$(now)")
    rss=$(peak_rss_mib "$ENGINE_PID")
    oom=$(grep -c OutOfMemoryError "$RAW/engine-intake.log" || true)
    stop_pid "$ENGINE_PID"
    ENGINE_JVM_FLAGS=$ENGINE_JVM_FLAGS_BEFORE
    row ""
    row "### A big inbox file at a small heap: $INTAKE_THREATS SentinelOne threats ($size MiB) into data/inbox/sentinelone, engine at -Xmx512m"
    row ""
    row "| threats | file MiB | outcome | seconds to queued (file in .done/) | peak RSS MiB | OutOfMemoryError lines | webhook deliveries answered 202 meanwhile |"
    row "|---|---|---|---|---|---|---|"
    row "| $INTAKE_THREATS | $size | $status | $took | $rss | $oom | $answered of $probes |"
    log "intake: $INTAKE_THREATS threats ($size MiB) $status in $took s, peak RSS $rss MiB, webhook $answered of $probes"
    target "intake of $INTAKE_THREATS threats ($size MiB) at -Xmx512m: peak RSS" "< 600 MiB" "$rss MiB ($status)" "$([ "$status" = done ] && [ "$oom" = 0 ] && awk -v a="$rss" 'BEGIN { print (a < 600) ? 1 : 0 }' || echo 0)"
    target "intake: other triggers keep working (webhook 202s during the intake)" "all" "$answered of $probes" "$([ "$answered" = "$probes" ] && [ "$probes" -gt 0 ] && echo 1 || echo 0)"
fi

# ---- 3. scheduled sync --------------------------------------------------------------------------------------------
if has_phase sync; then
    threats=$((S1_PAGES * S1_PER_PAGE))
    expected=$(( (threats + 99) / 100 ))
    rm -rf "$WORK/s1-pages"
    node "$BENCH/gen/s1-pages.js" $S1_PAGES $S1_PER_PAGE "$WORK/s1-pages"
    g0=$(count_lines "$LOGS/s1-threats.log"); b0=$(count_lines "$LOGS/cf-bulk.log"); x0=$(count_lines "$LOGS/too-many.log")
    signed_probe "sync$STAMP"
    start_engine sync sync
    limit=$((S1_PAGES + 120))
    for i in $(seq $((limit * 10))); do
        [ $(( $(count_lines "$LOGS/cf-bulk.log") - b0 )) -ge $expected ] && break
        kill -0 "$ENGINE_PID" 2>/dev/null || die "the engine exited during the sync (see $RAW/engine-sync.log)"
        sleep 0.1
    done
    rss=$(peak_rss_mib "$ENGINE_PID")
    cpu=$(cpu_s "$ENGINE_PID")
    stop_pid "$ENGINE_PID"
    # the first run: its first GET /threats to its last bulk call (the next cron tick may start a second run)
    t_first=$(tail -n +$((g0 + 1)) "$LOGS/s1-threats.log" | awk 'NR == 1 { print $1 }')
    t_last=$(tail -n +$((b0 + 1)) "$LOGS/cf-bulk.log" | awk -v n=$expected 'NR == n { print $1 }')
    pages_ok=$(tail -n +$((g0 + 1)) "$LOGS/s1-threats.log" | awk -v b="$t_last" '$1 <= b && $2 == 200 { n++ } END { print n + 0 }')
    n429=$(tail -n +$((x0 + 1)) "$LOGS/too-many.log" | awk -v b="$t_last" '$1 <= b { n++ } END { print n + 0 }')
    bulk_calls=$(tail -n +$((b0 + 1)) "$LOGS/cf-bulk.log" | awk -v b="$t_last" '$1 <= b { n++ } END { print n + 0 }')
    took=$(secs "$t_first" "$t_last")
    floor=$(awk -v p=$S1_PAGES 'BEGIN { printf "%.2f", (p - 1) / 10 }')
    over=$(awk -v t="$took" -v f="$floor" 'BEGIN { printf "%.1f", (f > 0) ? (t / f - 1) * 100 : 0 }')
    row ""
    row "### Scheduled sync: simulated SentinelOne, $threats threats in pages of $S1_PER_PAGE (10 GET/s limit) -> ContraForce bulk"
    row ""
    row "| threats | pages read | bulk calls | seconds (first GET to last bulk call) | rate-limit floor s | over the floor | 429 received | engine CPU s (incl. start) | peak RSS MiB |"
    row "|---|---|---|---|---|---|---|---|---|"
    row "| $threats | $pages_ok | $bulk_calls | $took | $floor | $over % | $n429 | $cpu | $rss |"
    log "sync: $took s for $threats threats (floor $floor s), $n429 x 429"
    target "sync: time vs the rate-limit floor" "<= +10 %" "+$over %" "$(le "$over" 10)"
    target "sync: 429 received" "0" "$n429" "$([ "$n429" = 0 ] && echo 1 || echo 0)"
fi

if [ -n "$STARTUP_MEDIAN" ]; then
    target "startup: process start to first 202 (CDS + C1, median of $STARTUPS)" "< 2 s" "$STARTUP_MEDIAN s" "$(awk -v a="$STARTUP_MEDIAN" 'BEGIN { print (a < 2) ? 1 : 0 }')"
fi

LOAD_AFTER=$(cat /proc/loadavg)
TOOK=$(secs "$BEGAN" "$(now)")
REPORT=$RESULTS/$STAMP.md
{
    echo "# Benchmark $STAMP ($MODE)"
    echo
    machine
    echo "- /proc/loadavg before: $LOAD_BEFORE"
    echo "- /proc/loadavg after: $LOAD_AFTER"
    echo "- took: $TOOK s"
    echo
    echo "## Targets"
    echo
    echo "| target | wanted | measured | verdict |"
    echo "|---|---|---|---|"
    cat "$TARGETS"
    cat "$TABLE"
    if [ -n "$STARTUP_MEDIAN" ]; then
        echo
        echo "### Startup: process start (\`java ... -jar target/soar-playbooks.jar run\`) to the first 202 on POST /webhooks/contraforce"
        echo
        echo "| JVM flags | runs, s | median s |"
        echo "|---|---|---|"
        for v in "${STARTUP_VARIANTS[@]}"; do
            name=${v%%|*}; flags=${v#*|}; flags=${flags//@CDS@/engine.jsa}
            echo "| $name${flags:+ (\`$flags\`)} | ${STARTUP_TIMES[$name]# } | $(printf '%s\n' ${STARTUP_TIMES[$name]} | median) |"
        done
        [ -n "${WH[engine,startup]:-}" ] && echo && echo "In the webhook phase (CDS): engine ${WH[engine,startup]} s, bare Camel ${WH[bare,startup]:-?} s, Node-RED ${WH[node-red,startup]:-?} s (to the first 2xx)."
    fi
} > "$REPORT"
cat "$REPORT"
log "written: $REPORT (raw outputs: $RAW/)"
