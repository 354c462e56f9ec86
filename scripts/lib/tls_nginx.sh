# A loopback HTTPS server with HTTP/2 (nginx) signed by a test CA made at run time, for tests
# of the production transport (TLS + HTTP/2). Sourced after common.sh, never run directly.
#
#   ayame_start_tls_nginx PREFIX --root DIR          serve DIR as static files (PUT and DELETE allowed)
#   ayame_start_tls_nginx PREFIX --upstream URL      proxy everything to URL (e.g. moto)
#
# Sets and exports, for PREFIX=AYAME_TLS:
#   AYAME_TLS_URL         https://127.0.0.1:<free port>
#   AYAME_TLS_CA_BUNDLE   the test CA's certificate (pass it as AWS_CA_BUNDLE)
#   AYAME_TLS_ACCESS_LOG  one line per request: connection serial, request number on that
#                         connection, protocol, method, URI, status, body bytes sent, request length
# Both modes also answer /__reset (the stream is reset: nginx's 444 on HTTP/2 sends RST_STREAM)
# and /__json... (200, {"ok": true}, any method, any path below it). nginx runs in the foreground as one process whose
# PID joins AYAME_STARTED_PIDS, so ayame_stop_started stops it.

ayame_ensure_tls_nginx_packages() {
    ayame_ensure_apt_packages nginx openssl
    # The Debian package starts a system-wide nginx on port 80; this fixture does not need it.
}

# Writes a CA and a server certificate for 127.0.0.1 and localhost into $1.
ayame_make_test_ca() {
    local dir="$1"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Ayame Test CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.pem" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null
}

ayame_start_tls_nginx() {
    local prefix="$1" mode="$2" target="$3"
    local dir port site pid
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || ayame_ensure_tls_nginx_packages
    local nginx_bin
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    dir="$(mktemp -d -t ayame-tls-nginx.XXXXXX)"
    mkdir -p "$dir/temp"
    ayame_make_test_ca "$dir" || { ayame_log "openssl could not make the test CA"; return 1; }
    case "$mode" in
        --root) site="root $target; dav_methods PUT DELETE; create_full_put_path on; client_max_body_size 0;" ;;
        --upstream) site="proxy_pass $target; proxy_http_version 1.1; proxy_request_buffering off; proxy_buffering off; client_max_body_size 0; proxy_set_header Host \$http_host;" ;;
        *) ayame_log "ayame_start_tls_nginx: use --root DIR or --upstream URL"; return 1 ;;
    esac
    port="$(ayame_free_port)"
    cat >"$dir/nginx.conf" <<CONF
daemon off;
master_process off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 256; }
http {
    log_format ayame '\$connection \$connection_requests \$server_protocol \$request_method \$uri \$status \$body_bytes_sent \$request_length';
    access_log $dir/access.log ayame;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    http2_max_concurrent_streams 128;
    server {
        listen 127.0.0.1:$port ssl http2;
        ssl_certificate $dir/server.pem;
        ssl_certificate_key $dir/server.key;
        location = /__reset { return 444; }
        location /__json { default_type application/json; return 200 '{"ok": true}'; }
        location / { $site }
    }
}
CONF
    "$nginx_bin" -c "$dir/nginx.conf" -p "$dir" >"$dir/stdout.log" 2>&1 &
    pid=$!
    AYAME_STARTED_PIDS+=("$pid")
    local i
    for i in $(seq 1 50); do
        if curl -s -o /dev/null --cacert "$dir/ca.pem" "https://127.0.0.1:$port/__json" 2>/dev/null; then
            printf -v "${prefix}_URL" 'https://127.0.0.1:%s' "$port"
            printf -v "${prefix}_CA_BUNDLE" '%s' "$dir/ca.pem"
            printf -v "${prefix}_ACCESS_LOG" '%s' "$dir/access.log"
            export "${prefix}_URL" "${prefix}_CA_BUNDLE" "${prefix}_ACCESS_LOG"
            ayame_log "nginx (pid $pid, TLS + HTTP/2) listening on 127.0.0.1:$port, $mode $target"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    ayame_log "nginx did not start; its logs:"; cat "$dir/stdout.log" "$dir/error.log" >&2 2>/dev/null
    return 1
}
