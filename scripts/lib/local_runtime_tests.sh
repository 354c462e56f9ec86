# The local runtime's tests (LocalRuntime/, a package of its own). Sourced by scripts/test after
# it has started the SigV4-checking moto and made its IAM user; never run directly.
#
# Runs, in order: the package's Swift tests (generated clients against an in-process runtime in
# front of that moto), then boto3 and the AWS CLI against the `ayame-local` executable, then
# crash recovery (`ayame-local` killed with -9 and restarted on its state directory), then
# `ayame-local` without --backend (it starts and stops its own moto).

# Starts ayame-local with the given arguments in the background, waits for its first line and
# sets AYAME_LOCAL_URL and AYAME_LOCAL_PID. Its stderr goes to $1.
ayame_start_local_runtime() {
    local log="$1"; shift
    local out
    out="$(mktemp -t ayame-local-out.XXXXXX)"
    "$AYAME_LOCAL_BIN" "$@" >"$out" 2>"$log" &
    AYAME_LOCAL_PID=$!
    AYAME_STARTED_PIDS+=("$AYAME_LOCAL_PID")
    local i line=""
    for i in $(seq 1 150); do
        line="$(head -n 1 "$out" 2>/dev/null || true)"
        [ -n "$line" ] && break
        kill -0 "$AYAME_LOCAL_PID" 2>/dev/null || break
        sleep 0.2
    done
    case "$line" in
        "listening on http://127.0.0.1:"*) AYAME_LOCAL_URL="${line#listening on }" ;;
        *) ayame_log "ayame-local did not print 'listening on http://127.0.0.1:PORT' (got '$line'); its log:"; cat "$log" >&2; return 1 ;;
    esac
}

# Stops the runtime by its PID with SIGTERM and waits for it to exit; a runtime that has not
# stopped its containers and itself within 15 s is killed and reported.
ayame_stop_local_runtime() {
    kill -TERM "$AYAME_LOCAL_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 75); do
        kill -0 "$AYAME_LOCAL_PID" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$AYAME_LOCAL_PID" 2>/dev/null; then
        ayame_log "ayame-local (pid $AYAME_LOCAL_PID) did not stop within 15 s of SIGTERM; killing it"
        kill -KILL "$AYAME_LOCAL_PID" 2>/dev/null || true
        wait "$AYAME_LOCAL_PID" 2>/dev/null || true
        return 1
    fi
    wait "$AYAME_LOCAL_PID" 2>/dev/null || true
}

ayame_run_local_runtime_tests() {
    local missing=()
    local name
    for name in AYAME_MOTO_SIGV4_ENDPOINT AYAME_MOTO_SIGV4_ACCESS_KEY_ID AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY AYAME_PYTHON; do
        [ -n "${!name:-}" ] || missing+=("$name")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        ayame_log "local runtime tests need ${missing[*]}: scripts/test sets them after starting the SigV4-checking moto"
        return 1
    fi
    if ! "$AYAME_PYTHON" -c 'import boto3, moto.server' 2>/dev/null; then
        ayame_log "local runtime tests need boto3 and moto[server] in $AYAME_PYTHON"
        return 1
    fi
    if ! command -v aws >/dev/null 2>&1; then
        ayame_log "local runtime tests need the AWS CLI (aws) on PATH: pip install awscli"
        return 1
    fi

    ayame_log "building the local runtime (LocalRuntime/, warnings are errors)"
    swift build --package-path LocalRuntime --build-tests -Xswiftc -warnings-as-errors

    ayame_log "local runtime: Swift tests (generated clients against the runtime in front of moto)"
    swift test --package-path LocalRuntime --skip-build

    AYAME_LOCAL_BIN="$(swift build --package-path LocalRuntime --show-bin-path)/ayame-local"
    local state images
    state="$(mktemp -d -t ayame-local-state.XXXXXX)"
    images="$state/images.json"
    printf '{"images": {"ayame-local-test/fake-model:latest": {"command": ["%s", "%s"]}}}\n' \
        "$AYAME_PYTHON" "$AYAME_ROOT/LocalRuntime/Tests/Fixtures/fake_model_container.py" >"$images"

    ayame_log "local runtime: boto3 and the AWS CLI against ayame-local (scaling included)"
    (
        export AWS_ACCESS_KEY_ID="$AYAME_MOTO_SIGV4_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"
        export AWS_DEFAULT_REGION=ap-northeast-1 AWS_REGION=ap-northeast-1
        unset AWS_ENDPOINT_URL AWS_PROFILE
        ayame_start_local_runtime "$state/runtime.log" --port 0 --images "$images" \
            --backend "$AYAME_MOTO_SIGV4_ENDPOINT" --state-dir "$state" --time-scale 60
        status=0
        "$AYAME_PYTHON" LocalRuntime/Tests/boto3_local_runtime_test.py "$AYAME_LOCAL_URL" || status=$?
        # Scaling through boto3; it reads the runtime's log for the bad-configuration reports.
        [ "$status" -ne 0 ] || "$AYAME_PYTHON" LocalRuntime/Tests/scaling_boto3_test.py "$AYAME_LOCAL_URL" "$state/runtime.log" || status=$?
        ayame_stop_local_runtime || status=1
        if [ "$status" -ne 0 ]; then ayame_log "boto3 checks failed; the runtime's log:"; cat "$state/runtime.log" >&2; exit "$status"; fi
    )

    ayame_log "local runtime: kill -9 with requests queued and in flight, then a restart with the same --state-dir"
    (
        export AWS_ACCESS_KEY_ID="$AYAME_MOTO_SIGV4_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"
        export AWS_DEFAULT_REGION=eu-west-1 AWS_REGION=eu-west-1
        unset AWS_ENDPOINT_URL AWS_PROFILE
        mkdir -p "$state/crash"
        # The test starts ayame-local itself (twice: it kills the first), by PID.
        if ! "$AYAME_PYTHON" LocalRuntime/Tests/crash_recovery_test.py "$AYAME_LOCAL_BIN" "$AYAME_MOTO_SIGV4_ENDPOINT" "$images" "$state/crash"; then
            ayame_log "crash recovery checks failed; the runtimes' logs:"
            cat "$state/crash/"crash-*.log >&2
            exit 1
        fi
    )

    ayame_log "local runtime: without --backend it starts moto and stops it on SIGTERM"
    (
        export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1
        unset AWS_ENDPOINT_URL AWS_PROFILE
        ayame_start_local_runtime "$state/own-moto.log" --port 0 --state-dir "$state/own"
        moto_pid="$(sed -n 's/.*started moto (pid \([0-9]*\)).*/\1/p' "$state/own-moto.log" | head -n 1)"
        [ -n "$moto_pid" ] || { ayame_log "ayame-local did not report the moto it started"; cat "$state/own-moto.log" >&2; exit 1; }
        AWS_ENDPOINT_URL="$AYAME_LOCAL_URL" aws s3 mb s3://ayame-local-own-moto >/dev/null
        AWS_ENDPOINT_URL="$AYAME_LOCAL_URL" aws s3 ls | grep -q ayame-local-own-moto \
            || { ayame_log "S3 through the runtime's own moto did not list the bucket"; exit 1; }
        ayame_stop_local_runtime || exit 1
        if kill -0 "$moto_pid" 2>/dev/null; then ayame_log "moto (pid $moto_pid) still runs after ayame-local stopped"; exit 1; fi
        ayame_log "ayame-local started moto (pid $moto_pid) and stopped it on SIGTERM"
    )
    rm -rf "$state"
}
