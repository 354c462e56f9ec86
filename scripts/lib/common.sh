# Shared by scripts/test, scripts/demo and scripts/bench: install what is missing and manage
# the loopback services the project needs. Sourced, never run directly.

ayame_log() { printf '==> %s\n' "$*" >&2; }

# Debian packages the build and the tests need. Installs only what is missing, so a prepared
# machine pays nothing.
ayame_ensure_apt_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        ayame_log "missing packages ${missing[*]} and no apt-get: install them by hand"
        return 1
    fi
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    ayame_log "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A Python that has moto's server and botocore. The machine's python3 is used when it already has
# them; otherwise a virtual environment under .build-python/ (ignored by git) gets them from PyPI.
# Exports AYAME_PYTHON and puts its bin folder first on PATH so the tests' `python3` finds it.
ayame_ensure_python() {
    # The AWS CLI too: the local runtime's tests drive it against ayame-local.
    local probe='import moto.server, botocore, flask, awscli'
    if command -v python3 >/dev/null 2>&1 && python3 -c "$probe" 2>/dev/null; then
        AYAME_PYTHON="$(command -v python3)"
    else
        local venv="$AYAME_ROOT/.build-python"
        if [ ! -x "$venv/bin/python3" ] || ! "$venv/bin/python3" -c "$probe" 2>/dev/null; then
            ayame_ensure_apt_packages python3 python3-venv python3-pip
            ayame_log "creating $venv with moto[server]"
            python3 -m venv "$venv"
            "$venv/bin/python3" -m pip install -q --upgrade pip
            "$venv/bin/python3" -m pip install -q 'moto[server]==5.2.1' 'boto3==1.43.11' 'botocore==1.43.11' 'awscli==1.45.11'
        fi
        AYAME_PYTHON="$venv/bin/python3"
        export PATH="$venv/bin:$PATH"
    fi
    export AYAME_PYTHON
}

ayame_require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        ayame_log "swift is not on PATH: install Swift 6 (swift.org) first; Debian has no package for it"
        return 1
    fi
}

# A free TCP port on the loopback interface, chosen by the kernel.
ayame_free_port() {
    "$AYAME_PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

AYAME_STARTED_PIDS=()

# Starts moto in server mode on a free loopback port and waits until it answers.
# $1: variable name to receive the endpoint URL; further arguments: extra environment (K=V).
ayame_start_moto() {
    local __result="$1"; shift
    local port log
    port="$(ayame_free_port)"
    log="$(mktemp -t ayame-moto.XXXXXX.log)"
    env "$@" "$AYAME_PYTHON" -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
    local pid=$!
    AYAME_STARTED_PIDS+=("$pid")
    local i
    for i in $(seq 1 100); do
        if "$AYAME_PYTHON" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/data.json', timeout=1)" 2>/dev/null; then
            printf -v "$__result" 'http://127.0.0.1:%s' "$port"
            ayame_log "moto (pid $pid) listening on 127.0.0.1:$port"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.2
    done
    ayame_log "moto did not start; its log:"; cat "$log" >&2
    return 1
}

# Stops exactly the processes this script started, by PID.
ayame_stop_started() {
    local pid
    for pid in "${AYAME_STARTED_PIDS[@]:-}"; do
        [ -n "$pid" ] || continue
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    AYAME_STARTED_PIDS=()
}
