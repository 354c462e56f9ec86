#!/usr/bin/env python3
"""POST /invocations latency: iris-container (Swift, FlyingFox) against the walkthrough's Flask
app.py under gunicorn, on this machine, in one run.

The seed's app.py is written into a temporary directory (never into the repository), word for
word except for the model path, which points at that directory instead of /opt/ml/model. Its
model.joblib is a scikit-learn DecisionTreeClassifier(max_depth=3) trained on the same iris.csv
petal columns. gunicorn runs as the seed's `serve` script runs it: one sync worker, defaults.

Three servers are measured:
  swift          iris-container serve (release build), model.tar.gz unpacked at start
  seed           app.py as written: it loads model.joblib inside every request
  seed-preloaded app.py with the load moved to import time, to show Flask + pandas alone
all running at once and measured in interleaved rounds, each with two clients, both sequential (one request in flight), http.client on 127.0.0.1:
  keep-alive     one connection reused while the server keeps it open (gunicorn's sync worker
                 closes it after each response, so http.client reconnects: the seed pays a TCP
                 connect per request, as a SageMaker client of it would)
  new-connection a new TCP connection for every request, for both servers

Needs: flask, gunicorn, pandas, scikit-learn, joblib in the Python running this script, and
Swift to build iris-container (or --iris-container PATH to a release binary).
Usage:  python3 invocations_latency.py [--requests 2000] [--rounds 4] [--warmup 200] [--iris-container PATH]
"""

import argparse
import http.client
import json
import os
import pathlib
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PACKAGE = pathlib.Path(__file__).resolve().parent.parent
IRIS_CSV = PACKAGE / "Data" / "iris.csv"
INPUT = json.dumps({"features": [{"がく片の長さ": 4.9, "がく片の幅": 3.0, "花びらの長さ": 1.4, "花びらの幅": 0.2}]},
                   ensure_ascii=False).encode()
EXPECTED = {"hanabira_prediction": "setosa"}

# The walkthrough's container/app.py, step 2; only MODEL_PATH is filled in.
SEED_APP = '''from flask import Flask, request, jsonify
import os
from joblib import load
import pandas as pd
app = Flask(__name__)
# ヘルスチェックエンドポイント
@app.route("/ping", methods=["POST", "GET"])
def ping():
    return jsonify(status="OK"), 200
# 推論エンドポイント
@app.route("/invocations", methods=["POST"])
def invoke():
    try:
        # モデルをロードする
        model_path = "MODEL_PATH"
        model = load(model_path)
        input_data = request.get_json()
        # データの形式が適切か確認
        if not input_data or "features" not in input_data:
            return jsonify({"error": "Invalid input format. Expected JSON with 'features' key"}), 400
        # 特徴量をPandas DataFrameに変換
        features = pd.DataFrame(input_data["features"])
        # モデルごとに推論を実行
        hanabira_prediction = model.predict(features[["花びらの長さ", "花びらの幅"]])
        answer = {0:"setosa",1:"versicolor",2:"virginica"}
        # 結果をまとめる
        response = {
            "hanabira_prediction": answer[hanabira_prediction.tolist()[0]],
        }
        return jsonify(response), 200
    except Exception as e:
        # エラー発生時の処理
        return jsonify({"error": str(e)}), 500
'''


def seed_app(model_path, preloaded):
    source = SEED_APP.replace("MODEL_PATH", str(model_path))
    if preloaded:
        source = source.replace('app = Flask(__name__)\n', f'app = Flask(__name__)\nmodel = load("{model_path}")\n')
        source = source.replace('        model = load(model_path)\n', '')
    return source


def train_seed_model(path):
    import joblib
    import pandas as pd
    from sklearn.tree import DecisionTreeClassifier
    rows = [line.split(",") for line in IRIS_CSV.read_text().splitlines()[1:] if line]
    features = pd.DataFrame({"花びらの長さ": [float(r[2]) for r in rows], "花びらの幅": [float(r[3]) for r in rows]})
    labels = [int(r[4]) for r in rows]
    joblib.dump(DecisionTreeClassifier(max_depth=3, random_state=0).fit(features, labels), path)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_ping(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server exited with status {process.returncode} before answering /ping")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/ping")
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"nothing answered GET /ping on 127.0.0.1:{port} within {timeout} s")


def measure(port, count, reuse):
    """Latencies in ms of `count` sequential POSTs, checking every answer."""
    headers = {"Content-Type": "application/json"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies = []
    for _ in range(count):
        if not reuse:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        started = time.perf_counter_ns()
        connection.request("POST", "/invocations", body=INPUT, headers=headers)
        response = connection.getresponse()
        body = response.read()
        latencies.append((time.perf_counter_ns() - started) / 1e6)
        if response.status != 200 or json.loads(body) != EXPECTED:
            sys.exit(f"unexpected answer {response.status} {body!r}")
    connection.close()
    return latencies


def summary(latencies):
    ordered = sorted(latencies)
    def pct(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered))) - 1)]
    return {"median": statistics.median(ordered), "p90": pct(90), "p99": pct(99),
            "mean": statistics.fmean(ordered), "max": ordered[-1]}


def build_iris_container():
    subprocess.run(["swift", "build", "-c", "release", "--package-path", str(PACKAGE), "--product", "iris-container"],
                   check=True, stdout=sys.stderr)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--package-path", str(PACKAGE), "--show-bin-path"],
                              check=True, capture_output=True, text=True).stdout.strip()
    return pathlib.Path(bin_path) / "iris-container"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--iris-container", help="a release build of iris-container (default: build one)")
    args = parser.parse_args()
    # SIGTERM unwinds like Ctrl-C, so the `finally` below stops the server it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))

    binary = pathlib.Path(args.iris_container) if args.iris_container else build_iris_container()
    with tempfile.TemporaryDirectory(prefix="iris-latency-") as temp:
        temp = pathlib.Path(temp)
        swift_model_dir = temp / "swift-model"
        swift_model_dir.mkdir()
        subprocess.run([str(binary), "train", "--data", str(IRIS_CSV), "--output", str(swift_model_dir / "model.tar.gz")],
                       check=True, stdout=sys.stderr)
        seed_dir = temp / "seed"
        seed_dir.mkdir()
        train_seed_model(seed_dir / "model.joblib")
        (seed_dir / "app.py").write_text(seed_app(seed_dir / "model.joblib", preloaded=False))
        (seed_dir / "app_preloaded.py").write_text(seed_app(seed_dir / "model.joblib", preloaded=True))

        def swift_server(port):
            env = dict(os.environ, SAGEMAKER_BIND_TO_PORT=str(port), SM_MODEL_DIR=str(swift_model_dir))
            return [str(binary), "serve", "--host", "127.0.0.1"], env, temp

        def gunicorn(module):
            def command(port):
                return [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", f"{module}:app"], dict(os.environ), seed_dir
            return command

        servers = [("swift", swift_server), ("seed", gunicorn("app")), ("seed-preloaded", gunicorn("app_preloaded"))]
        clients = [("keep-alive", True), ("new-connection", False)]
        # All servers run at once (idle ones use no CPU) and are measured in interleaved rounds,
        # so load from other work on the machine falls on each of them alike.
        running = []
        try:
            for name, make_command in servers:
                port = free_port()
                command, env, cwd = make_command(port)
                log = open(temp / f"{name}.log", "w")
                running.append((name, port, subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=log), log))
            for name, port, process, _ in running:
                wait_for_ping(port, process)
                for _, reuse in clients:
                    measure(port, args.warmup, reuse)
            latencies = {(name, client): [] for name, _, _, _ in running for client, _ in clients}
            per_round = args.requests // args.rounds
            for round_number in range(args.rounds):
                for name, port, _, _ in running:
                    for client, reuse in clients:
                        latencies[(name, client)] += measure(port, per_round, reuse)
                print(f"round {round_number + 1}/{args.rounds} done", file=sys.stderr)
        finally:
            for _, _, process, log in running:
                process.terminate()
                process.wait(timeout=15)
                log.close()
        results = [(name, client, summary(values)) for (name, client), values in latencies.items()]

    requests = per_round * args.rounds
    print(f"{requests} sequential POST /invocations per row ({args.rounds} interleaved rounds) after "
          f"{args.warmup} warm-up requests, latency in ms\n")
    print("| server | client | median | p90 | p99 | mean | max |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, client, stats in results:
        cells = " | ".join(f"{stats[key]:.3f}" for key in ("median", "p90", "p99", "mean", "max"))
        print(f"| {name} | {client} | {cells} |")
    print("\nload average (1, 5, 15 min) at the end: " + ", ".join(f"{value:.2f}" for value in os.getloadavg()))


if __name__ == "__main__":
    main()
