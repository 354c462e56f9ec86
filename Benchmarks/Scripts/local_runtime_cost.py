#!/usr/bin/env python3
"""ayame-local's own cost per async request: everything but the model container and the backend.

Starts moto (no signature checks) and ayame-local (the given binary, --time-scale 60) on free
127.0.0.1 ports, deploys the fake model container (LocalRuntime/Tests/Fixtures, echo mode) as an
async endpoint with --instances instances, submits --requests InvokeEndpointAsync requests from
--clients boto3 threads (one shared S3 input), waits until every output object exists, and
stops both by PID. The container and moto are separate processes, so the CPU time
(/proc/<pid>/stat utime + stime) that ayame-local's process spends between the first submission
and the last result, divided by the requests, is the runtime's own cost per request: front door,
signature check, journal records (fsync'd), queue, dispatch, the S3 read of the input and write
of the output as a client, the container call as a client, the scaler's ticks. Also prints the
202 latency boto3 sees (journal fsync included) and the throughput.

Usage: local_runtime_cost.py AYAME_LOCAL_BINARY [--requests 2000] [--clients 8] [--instances 2]
Prints one line of key=value pairs.
"""
import argparse
import io
import os
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--requests", type=int, default=2000)
parser.add_argument("--clients", type=int, default=8)
parser.add_argument("--instances", type=int, default=2)
arguments = parser.parse_args()

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/nonexistent/ayame-bench-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-bench-credentials", "AWS_EC2_METADATA_DISABLED": "true",
})
os.environ.pop("AWS_ENDPOINT_URL", None)
import boto3  # noqa: E402  (after the environment is set)
from botocore.config import Config  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def model_archive():
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = b"bench-model"
        info = tarfile.TarInfo("model.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def main():
    state = tempfile.mkdtemp(prefix="ayame-bench-local.")
    started = []
    try:
        moto_port = free_port()
        moto = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(moto_port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(moto)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{moto_port}/moto-api/data.json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        images = os.path.join(state, "images.json")
        fixture = os.path.join(ROOT, "LocalRuntime/Tests/Fixtures/fake_model_container.py")
        with open(images, "w") as handle:
            handle.write('{"images": {"bench/fake:latest": {"command": ["%s", "%s"]}}}' % (sys.executable, fixture))
        log = open(os.path.join(state, "runtime.log"), "w")
        runtime = subprocess.Popen(
            [arguments.binary, "--port", "0", "--images", images, "--backend", f"http://127.0.0.1:{moto_port}",
             "--state-dir", state, "--time-scale", "60"], stdout=subprocess.PIPE, stderr=log, text=True)
        started.append(runtime)
        line = runtime.stdout.readline().strip()
        if not line.startswith("listening on "):
            raise SystemExit(f"ayame-local did not start: {line!r}; log in {state}/runtime.log")
        url = line[len("listening on "):]
        config = Config(retries={"max_attempts": 1}, max_pool_connections=arguments.clients * 2)
        s3 = boto3.client("s3", endpoint_url=url, config=config)
        sagemaker = boto3.client("sagemaker", endpoint_url=url, config=config)
        s3.create_bucket(Bucket="bench")
        s3.put_object(Bucket="bench", Key="model.tar.gz", Body=model_archive())
        s3.put_object(Bucket="bench", Key="input.txt", Body=b"x" * 100)
        sagemaker.create_model(ModelName="bench", ExecutionRoleArn="arn:aws:iam::123456789012:role/Bench",
                               PrimaryContainer={"Image": "bench/fake:latest", "ModelDataUrl": "s3://bench/model.tar.gz"})
        sagemaker.create_endpoint_config(
            EndpointConfigName="bench", AsyncInferenceConfig={"OutputConfig": {"S3OutputPath": "s3://bench/out"},
                                                              "ClientConfig": {"MaxConcurrentInvocationsPerInstance": 4}},
            ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "bench", "InstanceType": "ml.m5.large",
                                 "InitialInstanceCount": arguments.instances}])
        sagemaker.create_endpoint(EndpointName="bench", EndpointConfigName="bench")
        while sagemaker.describe_endpoint(EndpointName="bench")["EndpointStatus"] != "InService":
            time.sleep(0.1)

        latencies, outputs, lock = [], [], threading.Lock()
        per_client = arguments.requests // arguments.clients

        def submit():
            client = boto3.client("sagemaker-runtime", endpoint_url=url, config=config)
            mine, seen = [], []
            for _ in range(per_client):
                begin = time.perf_counter()
                answer = client.invoke_endpoint_async(EndpointName="bench", InputLocation="s3://bench/input.txt")
                mine.append(time.perf_counter() - begin)
                seen.append(answer["OutputLocation"].split("s3://bench/", 1)[1])
            with lock:
                latencies.extend(mine)
                outputs.extend(seen)

        cpu_before, wall_before = cpu_seconds(runtime.pid), time.perf_counter()
        threads = [threading.Thread(target=submit) for _ in range(arguments.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        accepted = time.perf_counter()
        # Done when the last accepted request's output exists and no request is left in the queue
        # (the scaler's timeline says 0 backlog); then every output is checked.
        timeline = os.path.join(state, "scaling-timeline.jsonl")
        while True:
            with open(timeline) if os.path.exists(timeline) else io.StringIO("") as handle:
                last = handle.read().strip().rsplit("\n", 1)[-1]
            if '"backlog":0' in last and time.perf_counter() - accepted > 1:
                break
            time.sleep(0.05)
        done = time.perf_counter()
        cpu_after = cpu_seconds(runtime.pid)
        missing = 0
        for key in outputs:
            try:
                s3.head_object(Bucket="bench", Key=key)
            except Exception:
                missing += 1
        if missing:
            raise SystemExit(f"{missing} outputs missing")
        count = len(outputs)
        latencies.sort()
        print(f"requests={count} clients={arguments.clients} instances={arguments.instances} "
              f"runtime_cpu_us_per_request={(cpu_after - cpu_before) / count * 1e6:.0f} "
              f"accept_median_ms={statistics.median(latencies) * 1000:.2f} "
              f"accept_p99_ms={latencies[int(count * 0.99)] * 1000:.2f} "
              f"throughput_per_s={count / (done - wall_before):.0f}")
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
